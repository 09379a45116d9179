/**
 * Writes docs/api.md, an index of the public API read from the jsii assembly (.jsii): each
 * construct with the props it adds itself first, then the shared ones it inherits as one link,
 * then every other type in one line. API.md (jsii-docgen) stays the full reference; this page is
 * where a reader finds what a preset is about without scrolling past 25 shared props.
 * Usage: `npm run docs:api` (after `npx projen compile`; the post-compile step runs it too).
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}
interface Docs { readonly summary?: string; readonly default?: string; readonly deprecated?: string }
interface Property { readonly name: string; readonly type: TypeRef; readonly optional?: boolean; readonly static?: boolean; readonly docs?: Docs }
interface Parameter { readonly name: string; readonly type: TypeRef; readonly optional?: boolean }
interface JsiiType {
  readonly fqn: string;
  readonly name: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly datatype?: boolean;
  readonly base?: string;
  readonly interfaces?: string[];
  readonly properties?: Property[];
  readonly initializer?: { readonly parameters?: Parameter[] };
  readonly docs?: Docs;
}

const ROOT = join(__dirname, '..');
const assembly = JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf8')) as { name: string; types: { [fqn: string]: JsiiType } };
const types = assembly.types;
const PREFIX = `${assembly.name}.`;

/** A link into API.md, whose anchors are the jsii fully qualified names. */
const ref = (fqn: string, text = fqn.slice(PREFIX.length)) => `[${text}](../API.md#${fqn})`;

function typeName(t: TypeRef): string {
  if (t.primitive) return t.primitive === 'any' ? 'any' : t.primitive;
  if (t.fqn) return t.fqn.startsWith(PREFIX) ? ref(t.fqn) : `\`${t.fqn}\``;
  if (t.collection) {
    const element = typeName(t.collection.elementtype);
    return t.collection.kind === 'array' ? `${element}[]` : `map of ${element}`;
  }
  return (t.union?.types ?? []).map(typeName).join(' or ');
}

/** First sentence of a docstring, on one line, safe inside a table cell. */
const cell = (text = '') => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function isConstruct(t: JsiiType): boolean {
  for (let c: JsiiType | undefined = t; c; c = c.base ? types[c.base] : undefined) {
    if (c.base === 'constructs.Construct') return true;
  }
  return false;
}

/** Every property an interface inherits, by the interface that declares it. */
function inherited(t: JsiiType, seen = new Set<string>()): Array<{ from: string; count: number }> {
  return (t.interfaces ?? []).flatMap(fqn => {
    const parent = types[fqn];
    if (!parent || seen.has(fqn)) return [];
    seen.add(fqn);
    return [{ from: fqn, count: (parent.properties ?? []).length }, ...inherited(parent, seen)];
  });
}

function constructSection(c: JsiiType): string[] {
  const propsParam = c.initializer?.parameters?.find(p => p.name === 'props');
  const propsType = propsParam?.type.fqn ? types[propsParam.type.fqn] : undefined;
  const lines = [`### ${ref(c.fqn)}`, '', cell(c.docs?.summary), ''];
  if (c.base && c.base.startsWith(PREFIX)) lines.push(`Extends ${ref(c.base)}.`, '');
  if (!propsType) return lines;
  const own = (propsType.properties ?? []).slice().sort((a, b) => a.name.localeCompare(b.name));
  lines.push(`\`new ${c.name}(scope, id, props${propsParam?.optional ? '?' : ''}: ${propsType.name})\``, '');
  if (own.length > 0) {
    lines.push(`Its own props (${own.length}):`, '', '| Prop | Type | Default | What it is |', '| --- | --- | --- | --- |');
    for (const p of own) {
      const name = `${ref(`${propsType.fqn}.property.${p.name}`, p.name)}${p.optional ? '' : ' (required)'}`;
      lines.push(`| ${name} | ${typeName(p.type)} | ${cell(p.docs?.default ?? '').replace(/^- /, '') || '-'} | ${cell(p.docs?.summary)} |`);
    }
    lines.push('');
  }
  const shared = inherited(propsType).filter(i => i.count > 0);
  if (shared.length > 0) {
    lines.push(`Shared props (${shared.reduce((n, i) => n + i.count, 0)}), the same on every daemon: `
      + `${shared.map(i => `${ref(i.from)} (${i.count})`).join(', ')}.`, '');
  }
  return lines;
}

const constructs = Object.values(types).filter(isConstruct)
  // The generic construct first, then the presets built on it, then the rest, each by name.
  .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
function rank(t: JsiiType): number {
  if (t.fqn === `${PREFIX}NodeDaemonSet`) return 0;
  return t.base === `${PREFIX}NodeDaemonSet` ? 1 : 2;
}

const others = Object.values(types).filter(t => !isConstruct(t) && !constructs.some(c => c.initializer?.parameters?.some(p => p.type.fqn === t.fqn)));
const group = (title: string, list: JsiiType[]) => list.length === 0 ? [] : [
  `### ${title}`, '',
  ...list.sort((a, b) => a.name.localeCompare(b.name)).map(t => `- ${ref(t.fqn)}: ${cell(t.docs?.summary)}`), '',
];

const page = [
  '<!-- Generated from the jsii assembly by scripts/api-index.ts (npm run docs:api). Do not edit. -->',
  '# API index',
  '',
  'Each construct with the props it adds itself first; the props every daemon shares are one link',
  'away. [API.md](../API.md) is the full reference, with every prop of every type in every language.',
  '',
  '## Constructs',
  '',
  ...constructs.flatMap(constructSection),
  '## Other types',
  '',
  ...group('Classes', others.filter(t => t.kind === 'class')),
  ...group('Structs (props and options)', others.filter(t => t.kind === 'interface' && t.datatype)),
  ...group('Interfaces', others.filter(t => t.kind === 'interface' && !t.datatype)),
  ...group('Enums', others.filter(t => t.kind === 'enum')),
].join('\n');

writeFileSync(join(ROOT, 'docs', 'api.md'), `${page.trimEnd()}\n`);
