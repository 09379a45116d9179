// Regenerates docs/rules.md from the rule catalogue.
import { writeFileSync } from 'fs';
import { join } from 'path';
import { DaemonSetValidator } from '../src';
import { renderRulesMarkdown } from '../src/validation/rules/markdown';

writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRulesMarkdown(DaemonSetValidator.rules()));
