import { Fragment } from 'react';

/**
 * Text whose URLs and paths may wrap after each `/` rather than inside a
 * word: a long URL in a narrow column otherwise breaks wherever it must
 * ("ba se").
 */
export function BreakableText(props: { text: string }) {
  const parts = props.text.split('/');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}
