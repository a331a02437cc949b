import { Card, Steps } from 'antd';
import { useState } from 'react';
import type { ImportReport } from '../../contracts/enterprises';
import { ImportPreview } from '../components/import/ImportPreview';
import { ImportResult } from '../components/import/ImportResult';
import { ImportUpload } from '../components/import/ImportUpload';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../i18n';

/** Where the wizard is: the checked file and its dry-run report, then the committed report. */
type WizardState =
  | { step: 'upload' }
  | { step: 'preview'; file: File; report: ImportReport }
  | { step: 'result'; report: ImportReport };

const STEP_INDEX: Record<WizardState['step'], number> = { upload: 0, preview: 1, result: 2 };

/** 企业导入: template → upload and dry run → preview and decisions → commit → result. */
export function ImportPage() {
  const t = useT();
  const [state, setState] = useState<WizardState>({ step: 'upload' });
  return (
    <div data-testid="import-page">
      <PageHeader title={t('import.title')} />
      <Card>
        <Steps
          className="import-steps"
          current={STEP_INDEX[state.step]}
          items={[{ title: t('import.step.upload') }, { title: t('import.step.preview') }, { title: t('import.step.result') }]}
        />
        {state.step === 'upload' && <ImportUpload onChecked={(file, report) => setState({ step: 'preview', file, report })} />}
        {state.step === 'preview' && (
          <ImportPreview
            key={`${state.file.name}:${state.file.lastModified}`}
            file={state.file}
            report={state.report}
            onRestart={() => setState({ step: 'upload' })}
            onCommitted={(report) => setState({ step: 'result', report })}
          />
        )}
        {state.step === 'result' && <ImportResult report={state.report} onRestart={() => setState({ step: 'upload' })} />}
      </Card>
    </div>
  );
}
