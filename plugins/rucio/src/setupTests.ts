import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a whole app or entity page loads lazy extensions; on a
// loaded two-core CI runner it took longer than the library's 1 s and Jest's
// 5 s defaults.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
