import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import type { TransitionRow } from './actions.js';
import { CASE_CHECKLIST, CASE_TRANSITIONS } from './documents.js';
import type { Material } from './types.js';

/** One request's result in a component: undefined while loading. */
function useGraphql<T>(key: string | null, load: (dp: TianpingDataProvider) => Promise<T>): T | null | undefined {
  const dp = useDataProvider<TianpingDataProvider>();
  const [value, setValue] = useState<{ key: string; data: T | null } | undefined>();
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load(dp).then(
      (data) => live && setValue({ key, data }),
      // Not there for this viewer (or the network failed): shown as absent, not as loading forever.
      () => live && setValue({ key, data: null }),
    );
    return () => {
      live = false;
    };
    // `load` is keyed by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dp, key]);
  return value && value.key === key ? value.data : undefined;
}

/** The state machine as data: the same for every case, read once per page. */
export const useCaseTransitions = (): TransitionRow[] | null | undefined =>
  useGraphql('transitions', async (dp) => (await dp.graphql<{ caseTransitions: TransitionRow[] }>(CASE_TRANSITIONS)).caseTransitions);

/**
 * The materials checklist of the service-item version the case was opened under (the one the
 * server checks a materials request against); null for a case without an item.
 */
export const useChecklist = (caseId: string | undefined): Material[] | null | undefined =>
  useGraphql(caseId ?? null, async (dp) => {
    type Answer = {
      node: { serviceItemVersion: number | null; serviceItem: { versions: { versionNo: number; content: { materials: Material[] } }[] } | null } | null;
    };
    const { node } = await dp.graphql<Answer>(CASE_CHECKLIST, { id: caseId });
    if (!node?.serviceItem) return null;
    const version = node.serviceItem.versions.find((v) => v.versionNo === node.serviceItemVersion) ?? node.serviceItem.versions.at(-1);
    return version?.content.materials ?? null;
  });
