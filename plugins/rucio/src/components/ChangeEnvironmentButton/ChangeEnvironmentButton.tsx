import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { changeTemplateRouteRef } from '../../routes';
import { changeTemplateFormData } from './changeTemplateFormData';

/** Name of the template that changes an environment repository. */
export const CHANGE_TEMPLATE = 'rucio-environment-change';

/**
 * "Change this environment": the change template, its repository page
 * prefilled from where the entity was read. Nothing when the app has no
 * scaffolder route to bind to.
 */
export function ChangeEnvironmentButton() {
  const { entity } = useEntity();
  const templateRoute = useRouteRef(changeTemplateRouteRef);
  if (!templateRoute) return null;
  const path = templateRoute({
    namespace: 'default',
    templateName: CHANGE_TEMPLATE,
  });
  const formData = changeTemplateFormData(
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION],
  );
  const to = formData
    ? `${path}?${new URLSearchParams({ formData: JSON.stringify(formData) })}`
    : path;
  return (
    <LinkButton to={to} variant="outlined" color="primary">
      Change this environment
    </LinkButton>
  );
}
