import { hasUserinfoPassword, isSecretLocation, masked, namesCredential, shownValue, words } from '../../internal/redact';
import { checkDns1123Subdomain } from '../names';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';

/**
 * Credentials written into the DaemonSet outside env (env has env-literal-secret): in a container's
 * command line, and in the pod template's annotations and labels. Who may `get daemonsets` (a common
 * read-only grant), `kubectl describe` and the audit log show them; `ps` on every node shows args.
 * Names are judged by redaction's one list (`namesCredential`, `isSecretName`'s words), and what
 * says where a credential is by its `isSecretLocation`, so what is reported is what is masked.
 */
export const LITERAL_SECRET_AREA = new RuleArea('literal secrets', 'src/validation/rules/literal-secrets.ts');
export const ARGS_LITERAL_SECRET = LITERAL_SECRET_AREA.warning('args-literal-secret', 'A credential written into a container\'s `command` or `args`, where anyone who can read the DaemonSet (`kubectl describe`, the audit log) or list the node\'s processes sees it: the value of a flag whose name ends in a word of the list redaction masks by (`--password S`, `--db-password=S`, `--api-key=S`, `-Dssl.trustStorePassword=S`), a `NAME=S` item or shell word (`HTTP_Passwd=S`, `PGPASSWORD=S`), or a URL or DSN with a password in its userinfo (`https://user:S@host`, `user:S@tcp(db:3306)/`). Not when the value says where the credential is (`$(VAR)`, `$VAR`, a path, a `file:` URL), the flag names a file or path (`--password-file`, `--token-path`) or only mentions a credential (`--password-stdin`, `--token-ttl`, `--auth-mode`), the value is empty or boolean (`--use-token=true`), or it names a Secret object after a `…secret` flag (`--tls-secret=ingress-tls`).', 'Read it from a Secret: an env var from `secretKeyRef`, referenced as `$(VAR)` in args, or a mounted file with the daemon\'s `*-file` flag.', SRC.SECRETS, { limits: 'Single-letter flags (`-p S`, mysql\'s `-pS`) are ambiguous and not read; a flag ending in a credential\'s word that takes no value, followed by a positional argument, is taken for a pair. Probe and lifecycle `exec` commands are not read. kube-linter, kube-score and Polaris read env only.' });
export const TEMPLATE_METADATA_LITERAL_SECRET = LITERAL_SECRET_AREA.warning('template-metadata-literal-secret', 'A pod template annotation or label whose key ends in a credential\'s word (its last segment: `example.com/password`, `api-token`) with a literal value, or whose value has a URL with a password in its userinfo: every pod and the DaemonSet show it to anyone who can read them (`kubectl describe`, the audit log). Not for keys that name a digest (Helm\'s `checksum/…`, `…-hash`, `…-sha256`) or a file the Vault agent injector writes (`vault.hashicorp.com/agent-inject-secret-<file>` and its template and command keys), a value that says where the credential is (a reference, a path such as a Vault path, or a placeholder: `{{ .Data.password }}`, Datadog\'s `%%env_VAR%%` and `ENC[…]`), an empty or boolean value, or the name of a Secret object after a `…secret` key (`vault.hashicorp.com/tls-secret: vault-tls`).', 'Remove it and keep the credential in a Secret; if the daemon reads it from the pod, give it an env var from `secretKeyRef` or a mounted Secret file instead.', SRC.SECRETS, { limits: 'Looks at keys: a credential under another key (`ad.datadoghq.com/x.checks` JSON) is found only as URL userinfo. kube-linter, kube-score and Polaris read env only.' });

/** A flag word: `--name=value`, `-name=value`, or `--name` whose value is the next word. */
const FLAG = /^--?([A-Za-z][\w.-]*)(?:=([^]*))?$/;
/** A `NAME=value` word: a shell assignment, a `-p key=value` property, a `--set` flag's value. */
const ASSIGNMENT = /^([A-Za-z_][\w.-]*)=([^]*)$/;
/** A value that switches something on or off, picks a mode (`force`, `auto`), or says there is none: no credential. */
const BOOLEAN = /^(true|false|yes|no|on|off|enabled?|disabled?|force|auto|always|never|none|null|0|1)$/i;
/** Quotes a shell strips, and the `;` that ends a shell command. */
const SHELL_QUOTES = /^["']+|["';]+$/g;

/** One word of a container's command line and the item that holds it. */
interface Word {
  readonly text: string;
  readonly path: string;
}

/** Whether a value, as written, can be a credential: not empty, not a boolean or mode, not a reference, path or placeholder. */
export function isLiteralValue(value: string): boolean {
  return value !== '' && !BOOLEAN.test(value) && !isSecretLocation(value);
}

/**
 * Whether `value`, given to a flag or key `name`, is a credential written out: a literal value
 * (`isLiteralValue`, once a shell's quotes are stripped), and not the name of a Secret object
 * after a name ending in `secret` (`--tls-secret=ingress-tls`: lower-case with `-` or `.`; a
 * lower-case token without them still counts).
 */
function isLiteralCredential(name: string, written: string): boolean {
  const value = written.replace(SHELL_QUOTES, '');
  if (!isLiteralValue(value)) return false;
  const secretObject = words(name).pop() === 'secret' && /[-.]/.test(value) && checkDns1123Subdomain(value) === undefined;
  return !secretObject;
}

/**
 * The words of a container's command line, in the order the kubelet runs them (command, then
 * args): each item, split at white space when it is a shell script or a `--flag value` item, with
 * the quotes a shell strips; a script's line continuations (`\`) dropped.
 */
function commandWords(c: any, path: string): Word[] {
  return ['command', 'args'].flatMap(field => list(c[field]).flatMap((item, i) => typeof item !== 'string' ? [] : item.split(/\s+/)
    .map(w => w.replace(SHELL_QUOTES, '')).filter(w => w !== '' && w !== '\\').map(text => ({ text, path: `${path}.${field}[${i}]` }))));
}

/** What a word holds as a credential, in words that do not show it; undefined when none. */
function credentialIn(word: string): string | undefined {
  const flag = FLAG.exec(word);
  const pair = flag ?? ASSIGNMENT.exec(word);
  const named = pair?.[0].slice(0, pair[0].length - (pair[2]?.length ?? 0));
  if (pair && pair[2] !== undefined && namesCredential(pair[1]) && isLiteralCredential(pair[1], pair[2])) return `${named}${masked(pair[2])} is a literal credential`;
  // `--from-literal=password=S`, `--set=auth.password=S`: an assignment given to another flag.
  const nested = flag && flag[2] !== undefined ? ASSIGNMENT.exec(flag[2]) : null;
  if (nested && namesCredential(nested[1]) && isLiteralCredential(nested[1], nested[2])) return `${named}${nested[1]}=${masked(nested[2])} is a literal credential`;
  const value = pair?.[2] ?? word;
  if (hasUserinfoPassword(value)) return `${named ?? ''}${shownValue(value)} has a literal password in its userinfo`;
  return undefined;
}

/** args-literal-secret: credentials in a container's command line, one finding per item. */
export function checkArgsLiteralSecrets(ctx: Ctx, c: any, path: string): void {
  const all = commandWords(c, path);
  const reported = new Set<string>();
  const report = (at: string, message: string) => {
    if (!reported.has(at)) ctx.report(ARGS_LITERAL_SECRET, at, message);
    reported.add(at);
  };
  all.forEach((w, i) => {
    const next = all[i + 1];
    const flag = FLAG.exec(w.text);
    // `--password S`: the value is the next word, unless that is another flag.
    if (flag && flag[2] === undefined && next && !next.text.startsWith('-') && namesCredential(flag[1]) && isLiteralCredential(flag[1], next.text)) {
      return report(next.path, `the value of ${w.text}, ${masked(next.text)}, is a literal credential; read it from a Secret`);
    }
    const found = credentialIn(w.text);
    if (found) report(w.path, `${found}; read it from a Secret`);
  });
}

/**
 * Keys whose credential word names something other than the value: a digest of a Secret, so that
 * pods roll when it changes (Helm's `checksum/secret`, `example.com/secret-hash`), or a file the
 * Vault agent injector writes, named by the user (`vault.hashicorp.com/agent-inject-secret-<file>`,
 * `agent-inject-template-<file>`, `agent-inject-command-<file>`: the values are Vault paths,
 * templates and commands).
 */
const NOT_A_CREDENTIAL_KEY = /^(checksum\/|vault\.hashicorp\.com\/agent-inject-)|(^|[/._-])(checksum|hash|digest|sha\d*)([._-]|$)/i;

/** template-metadata-literal-secret: credentials in the pod template's annotations and labels. */
export function checkTemplateLiteralSecrets(ctx: Ctx, metadata: any): void {
  for (const field of ['annotations', 'labels']) {
    for (const [key, value] of Object.entries(map(map(metadata)[field]))) {
      if (typeof value !== 'string' || NOT_A_CREDENTIAL_KEY.test(key)) continue;
      const name = key.slice(key.lastIndexOf('/') + 1);
      // The API server reports template labels and annotations without `.metadata`.
      const at = `spec.template.${field}[${key}]`;
      if (namesCredential(name) && isLiteralCredential(name, value)) ctx.report(TEMPLATE_METADATA_LITERAL_SECRET, at, `${key} is a literal credential, ${masked(value)}; keep it in a Secret`);
      else if (hasUserinfoPassword(value)) ctx.report(TEMPLATE_METADATA_LITERAL_SECRET, at, `${key} is ${shownValue(value)}, with a literal password in its userinfo; keep it in a Secret`);
    }
  }
}
