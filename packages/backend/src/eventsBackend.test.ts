import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  notificationService,
  type NotificationService,
} from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * The notifications backend publishes an event for each notification it
 * stores (`notifications.new` and the like) through the events service, which
 * posts it to the events backend; without one, the post answers 404 and the
 * events service warns. The portal adds the events backend, so sends are quiet.
 */

const NOT_FOUND = /events backend not found/;

/** Every warning any plugin logs, with the plugin that logged it. */
function recordingLoggers(warnings: string[]) {
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const logger = (): LoggerService => ({
        error: () => {},
        warn: message => void warnings.push(`${plugin.getId()}: ${message}`),
        info: () => {},
        debug: () => {},
        child: () => logger(),
      });
      return logger();
    },
  });
}

async function sendOne(withEvents: boolean) {
  const warnings: string[] = [];
  let notifications: NotificationService | undefined;
  const sender = createBackendPlugin({
    pluginId: 'sender',
    register(env) {
      env.registerInit({
        deps: { notifications: notificationService },
        async init(deps) {
          notifications = deps.notifications;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      notificationsPlugin,
      ...(withEvents ? [eventsPlugin] : []),
      sender,
      // The real events service (the test backend's own stays in-process).
      eventsServiceFactory,
      recordingLoggers(warnings),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'ada', namespace: 'default' },
            spec: {},
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' } },
      }),
    ],
  });
  try {
    await notifications!.send({
      recipients: { type: 'entity', entityRef: 'user:default/ada' },
      payload: { title: 'Demo: something to tell', severity: 'normal' },
    });
    // The events service posts after the send returns.
    await new Promise(resolve => setTimeout(resolve, 1500));
    return warnings;
  } finally {
    await backend.stop();
  }
}

describe('the events backend beside the notifications backend', () => {
  it('without it, each send warns that the events backend is not found', async () => {
    const warnings = await sendOne(false);
    expect(warnings.filter(w => NOT_FOUND.test(w))).toEqual([
      expect.stringMatching(/^notifications: Event publish request failed/),
    ]);
  }, 60_000);

  it('with it, as the portal runs, a send warns of nothing', async () => {
    const warnings = await sendOne(true);
    expect(warnings.filter(w => /event/i.test(w))).toEqual([]);
  }, 60_000);
});
