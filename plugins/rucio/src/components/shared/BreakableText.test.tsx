import { render } from '@testing-library/react';
import { BreakableText } from './BreakableText';

describe('BreakableText', () => {
  it('lets a URL wrap after each slash, keeping the text as it is', () => {
    const text =
      '1 difference between http://localhost:7106/environments/demo/base/rses/ and Rucio';
    const { container } = render(<BreakableText text={text} />);
    expect(container.textContent).toBe(text);
    expect(container.querySelectorAll('wbr')).toHaveLength(7);
  });
});
