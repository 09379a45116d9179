import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { checkCredentialPair, OutputPlugin, PlannedOutput, refuseTls } from './plugin';
import { LogOutputOptions, SecretKeySelector } from './shared';
import { propError } from '../../../internal/errors';
import type { CollectorPlan } from '../plan';
import { bytes, wholeSeconds } from '../values';

/**
 * An Amazon S3 output. Credentials come from the pod's IAM role (IRSA, EKS Pod Identity) or,
 * when given, from a Secret as `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/s3
 * @see https://github.com/fluent/fluent-plugin-s3
 */
export interface S3OutputOptions extends LogOutputOptions {
  /** The bucket name. */
  readonly bucket: string;
  /** The bucket's AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Size of the objects written (Fluent Bit `total_file_size`).
   *
   * @default Size.mebibytes(50)
   */
  readonly totalFileSize?: Size;
  /**
   * Longest time before a partial object is uploaded (`upload_timeout`, Fluentd `timekey`).
   *
   * @default Duration.minutes(10)
   */
  readonly uploadTimeout?: Duration;
  /**
   * Access key id. Give it with `awsSecretAccessKey`, or neither (IAM role).
   *
   * @default - the pod's IAM role
   */
  readonly awsAccessKeyId?: SecretKeySelector;
  /**
   * Secret access key.
   *
   * @default - the pod's IAM role
   */
  readonly awsSecretAccessKey?: SecretKeySelector;
}

/** Fluent Bit's s3 output refuses a smaller `total_file_size` ("must be at least 1MB", out_s3/s3.c). */
const S3_MIN_FILE_BYTES = 1_000_000;
/** ...and a larger one with `use_put_object On` (`MAX_FILE_SIZE_PUT_OBJECT`; its message says "50M"). */
const S3_MAX_PUT_OBJECT_BYTES = 1_000_000_000;

/** Amazon S3 (`s3`). Both engines buffer whole objects: Fluent Bit in its own `store_dir`, Fluentd in time-sliced chunks. @internal */
export function s3Output(options: S3OutputOptions): OutputPlugin {
  const fileBytes = () => options.totalFileSize
    ? options.totalFileSize.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024 : 50 * 1024 * 1024;
  const uploadSeconds = () => options.uploadTimeout ? options.uploadTimeout.toSeconds({ integral: false }) : 600;
  const storeDir = (plan: CollectorPlan, o: PlannedOutput) => `${plan.stateDirectory}/s3/${o.id}`;
  return {
    kind: 's3',
    options,
    fluentdVariant: 's3',
    check: c => {
      refuseTls(c, 's3', options);
      if (typeof options.bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket) || options.bucket.includes('..')) {
        throw propError(c.at, `${c.prop}.bucket`, options.bucket ?? null, 'must be an S3 bucket name');
      }
      if (typeof options.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(options.region)) throw propError(c.at, `${c.prop}.region`, options.region ?? null, 'must be an AWS region such as eu-west-1');
      if (options.totalFileSize) bytes(c.at, `${c.prop}.totalFileSize`, options.totalFileSize);
      if (c.fluentBit && (fileBytes() < S3_MIN_FILE_BYTES || fileBytes() > S3_MAX_PUT_OBJECT_BYTES)) {
        throw propError(c.at, `${c.prop}.totalFileSize`, `${fileBytes()} bytes`,
          'Fluent Bit\'s s3 output takes 1,000,000 to 1,000,000,000 bytes with use_put_object (which this preset sets), and does not start otherwise');
      }
      if (options.uploadTimeout) wholeSeconds(c.at, `${c.prop}.uploadTimeout`, options.uploadTimeout, 0, 86400);
      checkCredentialPair(c, 'awsAccessKeyId', options.awsAccessKeyId, 'awsSecretAccessKey', options.awsSecretAccessKey);
      if (options.awsAccessKeyId && !options.awsSecretAccessKey) throw propError(c.at, `${c.prop}.awsAccessKeyId`, options.awsAccessKeyId, 'requires awsSecretAccessKey');
    },
    // The AWS SDKs read these names: one AWS identity per collector.
    secrets: () => [
      ['awsAccessKeyId', 'AWS_ACCESS_KEY_ID', options.awsAccessKeyId],
      ['awsSecretAccessKey', 'AWS_SECRET_ACCESS_KEY', options.awsSecretAccessKey],
    ],
    fluentBit: (plan, o) => [
      ['Name', 's3'], ['bucket', options.bucket], ['region', options.region],
      // A byte count: Fluent Bit reads K, M and G as powers of 1000.
      ['total_file_size', String(fileBytes())],
      ['upload_timeout', `${uploadSeconds()}s`],
      ['store_dir', storeDir(plan, o)],
      ['store_dir_limit_size', String(o.totalLimitBytes)],
      ['use_put_object', 'On'],
      ['compression', 'gzip'],
      ['s3_key_format', '/$TAG/%Y/%m/%d/%H_%M_%S-$UUID.gz'],
    ],
    fluentBitWritablePaths: (plan, o) => [[`outputs (${o.id} store_dir)`, storeDir(plan, o)]],
    // It buffers in its store_dir (store_dir_limit_size); with storage.total_limit_size too, Fluent
    // Bit warns at start to use store_dir_limit_size instead.
    fluentBitOwnBuffer: true,
    fluentd: (plan, _o, b) => b.param('@type', 's3').param('s3_bucket', options.bucket).param('s3_region', options.region)
      .param('path', `logs/${plan.tag}/`).param('store_as', 'gzip'),
    fluentdBuffer: {
      chunkKeys: 'time',
      flush: (_o, b) => b.param('timekey', uploadSeconds()).param('timekey_wait', 60).param('chunk_limit_size', fluentdSize(fileBytes())),
    },
  };
}

/** `5m`, `1g`, `512k`: the largest whole unit; Fluentd reads k, m and g as ×1024 (`Config.size_value`). @internal */
export function fluentdSize(n: number): string {
  if (n % (1024 ** 3) === 0) return `${n / 1024 ** 3}g`;
  if (n % (1024 ** 2) === 0) return `${n / 1024 ** 2}m`;
  return `${n / 1024}k`;
}
