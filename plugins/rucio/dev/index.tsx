import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import ReactDOM from 'react-dom/client';
import rucioPlugin from '../src/alpha';

// Serves this plugin alone on the new frontend system: `yarn start` in this
// folder, with the portal backend (`yarn start backend` at the root) running.
const app = createApp({ features: [catalogPlugin, rucioPlugin] });

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
