// Regenerates docs/rules.md from the rule catalogue.
import { writeFileSync } from 'fs';
import { join } from 'path';

import { ALL_RULES } from '../src/validation/rules';
import { renderRulesMarkdown } from '../src/validation/rules/markdown';

writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRulesMarkdown(ALL_RULES));
