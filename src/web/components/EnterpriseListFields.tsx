import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

interface ListSectionProps {
  name: string;
  addLabel: string;
  testId: string;
  renderRow: (field: { name: number; key: number }) => ReactNode;
  newRow?: () => object;
}

/** A repeatable group of inputs with add/remove buttons. */
function ListSection({ name, addLabel, testId, renderRow, newRow }: ListSectionProps) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid={testId}>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" className="list-row" wrap>
              {renderRow(field)}
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
            </Space>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(newRow?.())}>
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Certifications: name, issuer, number, expiry date. */
export function CertificationFields() {
  const t = useT();
  return (
    <ListSection
      name="certifications"
      testId="ent-certifications"
      addLabel={t('ent.cert.add')}
      renderRow={(field) => (
        <>
          <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('common.required', { field: t('ent.cert.name') }) }]}>
            <Input placeholder={t('ent.cert.name')} maxLength={100} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'issuer']}>
            <Input placeholder={t('ent.cert.issuer')} maxLength={100} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'number']}>
            <Input placeholder={t('ent.cert.number')} maxLength={100} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'expiresOn']}>
            <Input type="date" aria-label={t('ent.cert.expiresOn')} style={{ width: 150 }} />
          </Form.Item>
        </>
      )}
    />
  );
}

/** Contacts: name, title, phone, email. */
export function ContactFields() {
  const t = useT();
  return (
    <ListSection
      name="contacts"
      testId="ent-contacts"
      addLabel={t('ent.contact.add')}
      renderRow={(field) => (
        <>
          <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('common.required', { field: t('ent.contact.name') }) }]}>
            <Input placeholder={t('ent.contact.name')} maxLength={50} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'title']}>
            <Input placeholder={t('ent.contact.title')} maxLength={50} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'phone']}>
            <Input placeholder={t('ent.contact.phone')} maxLength={30} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'email']} rules={[{ type: 'email' }]}>
            <Input placeholder={t('ent.contact.email')} maxLength={100} style={{ width: 190 }} />
          </Form.Item>
        </>
      )}
    />
  );
}

/** Yearly figures: year, employees, revenue, assets, R&D spend. */
export function FinancialFields() {
  const t = useT();
  return (
    <ListSection
      name="financials"
      testId="ent-financials"
      addLabel={t('ent.financial.add')}
      newRow={() => ({ year: new Date().getFullYear() - 1 })}
      renderRow={(field) => (
        <>
          <Form.Item name={[field.name, 'year']} rules={[{ required: true, message: t('common.required', { field: t('ent.year') }) }]}>
            <InputNumber placeholder={t('ent.year')} min={1990} max={2100} precision={0} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'employees']}>
            <InputNumber placeholder={t('ent.employees')} min={0} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'revenue']}>
            <InputNumber placeholder={t('ent.revenue')} min={0} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'assets']}>
            <InputNumber placeholder={t('ent.assets')} min={0} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name={[field.name, 'rdSpend']}>
            <InputNumber placeholder={t('ent.rdSpend')} min={0} style={{ width: 150 }} />
          </Form.Item>
        </>
      )}
    />
  );
}
