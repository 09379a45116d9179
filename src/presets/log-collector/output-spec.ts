import { Duration, Size } from 'cdk8s';
import { HttpOutputFormat, LogOutputOptions, LogOutputTls, LogstashProtocol, SecretKeySelector } from './output';

/** The output kinds, as the renderers switch on them. @internal */
export type OutputKind = 'elasticsearch' | 'opensearch' | 'loki' | 'forward' | 'logstash' | 'kafka' | 's3' | 'http' | 'stdout';

/** Every option any output may carry, as the renderers read them. @internal */
export interface OutputSpec extends LogOutputOptions {
  readonly kind: OutputKind;
  readonly host?: string;
  readonly port?: number;
  readonly index?: string;
  readonly logstashPrefix?: string;
  readonly httpUser?: SecretKeySelector;
  readonly httpPasswd?: SecretKeySelector;
  readonly tls?: LogOutputTls;
  readonly labels?: { [name: string]: string };
  readonly tenantId?: string;
  readonly sharedKey?: SecretKeySelector;
  readonly protocol?: LogstashProtocol;
  readonly brokers?: string[];
  readonly topic?: string;
  readonly saslUsername?: SecretKeySelector;
  readonly saslPassword?: SecretKeySelector;
  readonly saslMechanism?: string;
  readonly bucket?: string;
  readonly region?: string;
  readonly totalFileSize?: Size;
  readonly uploadTimeout?: Duration;
  readonly awsAccessKeyId?: SecretKeySelector;
  readonly awsSecretAccessKey?: SecretKeySelector;
  readonly uri?: string;
  readonly format?: HttpOutputFormat;
  readonly headers?: { [name: string]: string };
  readonly secretHeaders?: { [name: string]: SecretKeySelector };
}
