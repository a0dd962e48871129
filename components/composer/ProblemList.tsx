import type { ComposerProblem } from '@/lib/composer/rules';
import { ProblemItems } from './folded';

export interface ProblemListProps {
  id: string;
  problems: ComposerProblem[];
}

/**
 * Why Post is disabled, in words; kept in the page (empty) so the button can point at it.
 * A polite live region, there from the start so that a screen reader hears what is added
 * to it: "Too long: 3 over the character limit" as the text goes over, without
 * interrupting the typing.
 */
export function ProblemList({ id, problems }: ProblemListProps) {
  return (
    <div role="status">
      <ul id={id} class="problems hint">
        {problems.length > 0 && <ProblemItems problems={problems} />}
      </ul>
    </div>
  );
}
