import { useState } from 'react';
import type { ImportDecision, ImportReport } from '../../../contracts/enterprises';
import { ApiError } from '../../api';
import { runImport, useInvalidateEnterprises } from '../../queries/enterprises';

/** What an import upload is doing: sending bytes (with percent), then waiting for the server's check. */
export type ImportActivity = { phase: 'idle' } | { phase: 'uploading'; percent: number } | { phase: 'processing' };

/** The outcome of a run: a report, or an error (a refused commit also carries its report). */
export type ImportOutcome = { isOk: true; report: ImportReport } | { isOk: false; error: unknown; report?: ImportReport };

/** Runs an import upload and tracks its progress. */
export function useImportRun() {
  const [activity, setActivity] = useState<ImportActivity>({ phase: 'idle' });
  const invalidateEnterprises = useInvalidateEnterprises();

  const run = async (file: File, options: { isDryRun: boolean; decisions?: ImportDecision[] }): Promise<ImportOutcome> => {
    setActivity({ phase: 'uploading', percent: 0 });
    try {
      const report = await runImport({
        file,
        isDryRun: options.isDryRun,
        decisions: options.decisions,
        onProgress: ({ loaded, total }) => {
          const percent = Math.round((loaded / total) * 100);
          setActivity(percent >= 100 ? { phase: 'processing' } : { phase: 'uploading', percent });
        },
      });
      if (report.committed) {
        void invalidateEnterprises();
      }
      return { isOk: true, report };
    } catch (error) {
      return { isOk: false, error, report: reportOf(error) };
    } finally {
      setActivity({ phase: 'idle' });
    }
  };

  return { activity, isBusy: activity.phase !== 'idle', run };
}

/** The report a refused commit (422) carries in its problem body. */
function reportOf(error: unknown): ImportReport | undefined {
  if (!(error instanceof ApiError)) {
    return undefined;
  }
  const report = error.problem.report;
  return typeof report === 'object' && report !== null && 'rows' in report && 'errors' in report ? (report as ImportReport) : undefined;
}
