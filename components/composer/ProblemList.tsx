import type { ComposerProblem } from '@/lib/composer/rules';
import { problemText } from './problems';

export interface ProblemListProps {
  id: string;
  problems: ComposerProblem[];
}

/**
 * Why Post is disabled, in words; kept in the page (empty) so the button can point at it.
 * A polite live region: a screen reader says "Too long: 3 over the character limit" as
 * the text goes over, without interrupting the typing.
 */
export function ProblemList({ id, problems }: ProblemListProps) {
  return (
    <div role="status">
      <ul id={id} class="problems hint">
        {problems.map((problem, index) => (
          <li key={index}>{problemText(problem)}</li>
        ))}
      </ul>
    </div>
  );
}
