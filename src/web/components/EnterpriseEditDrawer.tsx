import { App, Button, Divider, Drawer, Form, Space } from 'antd';
import { useState } from 'react';
import type { Certification, Contact, EnterpriseDetail, EnterpriseTag, Financials, UpdateEnterpriseBody } from '../../contracts/enterprises';
import { useT } from '../i18n';
import { applyProblemToForm, type FieldError, type FormFields } from '../lib/problem';
import { emptyToNull } from '../lib/values';
import { useUpdateEnterprise } from '../queries/enterprises';
import { CertificationFields, ContactFields, FinancialFields } from './EnterpriseListFields';
import { EnterpriseProfileFields } from './EnterpriseProfileFields';
import { ProblemAlert } from './ProblemAlert';

const FIELDS: FormFields = {
  controls: ['name', 'regionCode', 'industryCode', 'tags', 'products', 'capabilities'],
  lists: ['certifications', 'contacts', 'financials'],
};

/** What the edit form holds. */
interface EditValues {
  name: string;
  regionCode: string;
  industryCode: string;
  tags?: EnterpriseTag[];
  products: string[];
  capabilities: string;
  certifications: Certification[];
  contacts?: Contact[];
  financials?: Financials[];
}

interface EnterpriseEditDrawerProps {
  enterprise: EnterpriseDetail;
  open: boolean;
  onClose: () => void;
  canEditTags: boolean;
  regionScope?: string | null;
}

/** Edits an enterprise's profile, certifications and (when visible) contacts and yearly figures. */
export function EnterpriseEditDrawer({ enterprise, open, onClose, canEditTags, regionScope }: EnterpriseEditDrawerProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateEnterprise(enterprise.uscc);
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const hasRestricted = Boolean(enterprise.restricted);

  const submit = async () => {
    const values = await form.validateFields();
    const options = { canEditTags, hasRestricted };
    // Only changed fields are sent, so the audit trail records what the user actually changed.
    const changes = changedOnly(toBody(toValues(enterprise), options), toBody(values, options));
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync(changes);
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setUnmatched(applyProblemToForm(form, error, FIELDS));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`${t('ent.edit')} · ${enterprise.name}`}
      size={820}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (!isOpen) {
          update.reset();
          setUnmatched([]);
        }
      }}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={update.isPending} onClick={submit} data-testid="ent-edit-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {update.error ? <ProblemAlert error={update.error} fieldErrors={unmatched} /> : null}
      <Form<EditValues> form={form} layout="vertical" initialValues={toValues(enterprise)} data-testid="enterprise-edit-form">
        <EnterpriseProfileFields regionScope={regionScope} canEditTags={canEditTags} />
        <Divider titlePlacement="start">{t('ent.certifications')}</Divider>
        <CertificationFields />
        {hasRestricted && (
          <>
            <Divider titlePlacement="start">{t('ent.contacts')}</Divider>
            <ContactFields />
            <Divider titlePlacement="start">{t('ent.financials')}</Divider>
            <FinancialFields />
          </>
        )}
      </Form>
    </Drawer>
  );
}

function toValues(enterprise: EnterpriseDetail): EditValues {
  return {
    name: enterprise.name,
    regionCode: enterprise.regionCode,
    industryCode: enterprise.industryCode,
    tags: enterprise.tags,
    products: enterprise.products,
    capabilities: enterprise.capabilities,
    certifications: enterprise.certifications,
    contacts: enterprise.restricted?.contacts,
    financials: enterprise.restricted?.financials,
  };
}

function toBody(values: EditValues, options: { canEditTags: boolean; hasRestricted: boolean }): UpdateEnterpriseBody {
  const body: UpdateEnterpriseBody = {
    name: values.name,
    regionCode: values.regionCode,
    industryCode: values.industryCode,
    products: values.products ?? [],
    capabilities: values.capabilities ?? '',
    certifications: (values.certifications ?? []).map((certification) => ({
      name: certification.name,
      issuer: emptyToNull(certification.issuer),
      number: emptyToNull(certification.number),
      expiresOn: emptyToNull(certification.expiresOn),
    })),
  };
  if (options.canEditTags) {
    body.tags = values.tags ?? [];
  }
  if (options.hasRestricted) {
    body.contacts = (values.contacts ?? []).map((contact) => ({
      name: contact.name,
      title: emptyToNull(contact.title),
      phone: emptyToNull(contact.phone),
      email: emptyToNull(contact.email),
    }));
    body.financials = (values.financials ?? []).map((row) => ({
      year: row.year,
      employees: emptyToNull(row.employees),
      revenue: emptyToNull(row.revenue),
      assets: emptyToNull(row.assets),
      rdSpend: emptyToNull(row.rdSpend),
    }));
  }
  return body;
}

function changedOnly(before: UpdateEnterpriseBody, after: UpdateEnterpriseBody): UpdateEnterpriseBody {
  const keys = Object.keys(after) as (keyof UpdateEnterpriseBody)[];
  const changed = keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return Object.fromEntries(changed.map((key) => [key, after[key]])) as UpdateEnterpriseBody;
}
