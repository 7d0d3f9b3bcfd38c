// `npm run drill -- --list [--json]` and `npm run drill -- --score BUNDLE... [--json]`: for instructors who script a
// cohort. Exit 0: listed, or every bundle scored; 1: a bundle was refused (its chain or schema fails, or it is
// not a drill), the others still scored; 2: bad arguments.
import { readFileSync } from 'node:fs';
import { sha256Hex } from '../backend/services/exchange/imports';
import { listText, parseDrillArgs, scoreBundle, scoreText, USAGE, UsageError } from './drill-command';

function main(): number {
  let args: ReturnType<typeof parseDrillArgs>;
  try {
    args = parseDrillArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`drill: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (args.mode === 'list') {
    console.log(listText(args.json));
    return 0;
  }
  const results = args.bundles.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return {
        file,
        refused: `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    return scoreBundle(file, text, sha256Hex);
  });
  console.log(scoreText(results, args.json));
  return results.some((result) => 'refused' in result) ? 1 : 0;
}

process.exitCode = main();
