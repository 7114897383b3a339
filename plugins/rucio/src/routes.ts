import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'rucio' });

/** The Rucio page: every environment at a glance. */
export const rucioPageRouteRef = createRouteRef({ id: 'rucio-page' });

/**
 * A template page of the scaffolder, for "Change this environment"; bound to
 * the scaffolder's selected-template route unless the app binds it elsewhere.
 */
export const changeTemplateRouteRef = createExternalRouteRef({
  id: 'rucio-change-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
