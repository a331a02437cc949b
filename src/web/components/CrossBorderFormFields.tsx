import { Checkbox, Divider, Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { ISO_COUNTRIES } from '../../contracts/cross-border';
import { useLang, useT } from '../i18n';

/** Options of the target-country pickers: ISO 3166-1 alpha-2 codes (not CN) with their names in the UI language. */
export function useCountryOptions(): { value: string; label: string }[] {
  const lang = useLang();
  return useMemo(() => {
    const names = new Intl.DisplayNames([lang === 'zh' ? 'zh-CN' : 'en'], { type: 'region' });
    return ISO_COUNTRIES.filter((c) => c !== 'CN').map((c) => ({ value: c, label: `${names.of(c) ?? c} ${c}` }));
  }, [lang]);
}

/** The name of a country code in the UI language. */
export function useCountryName(): (code: string) => string {
  const lang = useLang();
  return useMemo(() => {
    const names = new Intl.DisplayNames([lang === 'zh' ? 'zh-CN' : 'en'], { type: 'region' });
    return (code: string) => names.of(code) ?? code;
  }, [lang]);
}

/** Form items of a need or offer for cross-border matchmaking: the flag, target countries, English title and description. */
export function CrossBorderFormFields() {
  const t = useT();
  const countries = useCountryOptions();
  const isCrossBorder = Form.useWatch('crossBorder') as boolean | undefined;
  return (
    <>
      <Divider titlePlacement="start" plain>{t('xb.form.section')}</Divider>
      <Form.Item name="crossBorder" valuePropName="checked">
        <Checkbox data-testid="xb-flag">{t('xb.form.crossBorder')}</Checkbox>
      </Form.Item>
      {isCrossBorder && (
        <Form.Item name="targetCountries" label={t('xb.form.countries')} rules={[{ required: true, type: 'array', min: 1, message: t('xb.form.countriesRequired') }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={countries} data-testid="xb-countries" />
        </Form.Item>
      )}
      <Form.Item name="titleEn" label={t('xb.form.titleEn')}>
        <Input maxLength={200} data-testid="xb-title-en" />
      </Form.Item>
      <Form.Item name="descriptionEn" label={t('xb.form.descriptionEn')}>
        <Input.TextArea rows={3} maxLength={8000} data-testid="xb-description-en" />
      </Form.Item>
    </>
  );
}
