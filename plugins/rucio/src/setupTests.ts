import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a whole app or entity page loads lazy extensions; on a
// loaded two-core CI runner it took longer than the library's 1 s and Jest's
// 5 s defaults.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// jsdom has no ResizeObserver; the RSE space chart measures its box with one
// and draws at its first width without being told of a resize.
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
