import type { ComposerProblem } from '@/lib/composer/rules';
import { problemText } from './problems';

/** The problems' sentences, loaded with the first problem (folded.tsx): most drafts never have one. */
export function ProblemItems({ problems }: { problems: ComposerProblem[] }) {
  return (
    <>
      {problems.map((problem, index) => (
        <li key={index}>{problemText(problem)}</li>
      ))}
    </>
  );
}
