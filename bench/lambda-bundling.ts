/**
 * The esbuild options the CDK function construct bundles with (imported from it), translated the
 * way aws-cdk-lib's aws-lambda-nodejs turns them into esbuild arguments, so the bench measures
 * what Lambda runs.
 */
import type { BuildOptions } from 'esbuild';
import { lambdaBundling, lambdaRuntimeEnvironment } from '../infra/constructs/coproduce-function.js';

/** The parts of aws-cdk-lib's aws_lambda_nodejs.BundlingOptions that change the bundle. */
export type CdkBundling = {
  minify?: boolean;
  sourceMap?: boolean;
  sourceMapMode?: string;
  sourcesContent?: boolean;
  target?: string;
  format?: string;
  mainFields?: string[];
  banner?: string;
  footer?: string;
  externalModules?: string[];
  bundleAwsSDK?: boolean;
  define?: Record<string, string>;
  loader?: Record<string, string>;
  keepNames?: boolean;
  inject?: string[];
};

/** How aws-cdk-lib (2.276) turns BundlingOptions into esbuild arguments, as BuildOptions. */
export function toEsbuild(b: CdkBundling): BuildOptions {
  const sourceMapEnabled = b.sourceMapMode !== undefined || b.sourceMap === true;
  const mode = b.sourceMapMode ?? 'default';
  // CDK leaves @aws-sdk/* to the Lambda runtime unless told otherwise.
  const external = b.externalModules ?? (b.bundleAwsSDK ? [] : ['@aws-sdk/*']);
  return {
    bundle: true,
    platform: 'node',
    target: b.target ?? 'node24',
    format: b.format === 'esm' ? 'esm' : 'cjs',
    minify: b.minify ?? false,
    sourcemap: sourceMapEnabled ? (mode === 'default' ? true : (mode as 'external' | 'inline' | 'both')) : false,
    sourcesContent: b.sourcesContent ?? true,
    external,
    loader: b.loader as BuildOptions['loader'],
    define: b.define,
    keepNames: b.keepNames,
    banner: b.banner ? { js: b.banner } : undefined,
    footer: b.footer ? { js: b.footer } : undefined,
    mainFields: b.mainFields,
    inject: b.inject,
  };
}

export async function bundlingForBench(): Promise<{ options: BuildOptions; nodeArgs: string[]; describe: string }> {
  const bundling: CdkBundling = { ...lambdaBundling, format: String(lambdaBundling.format) };
  const origin = 'imported from infra/constructs/coproduce-function.ts (lambdaBundling)';
  const options = toEsbuild(bundling);
  // Lambda applies NODE_OPTIONS from the function's environment; --enable-source-maps costs init time.
  const nodeOptions = lambdaRuntimeEnvironment.NODE_OPTIONS ?? '';
  const nodeArgs = nodeOptions.split(/\s+/).filter(Boolean);
  const shown = {
    format: options.format,
    target: options.target,
    minify: options.minify,
    sourcemap: options.sourcemap,
    mainFields: options.mainFields,
    external: options.external,
    banner: options.banner ? 'createRequire' : undefined,
    sourcesContent: options.sourcesContent,
    NODE_OPTIONS: nodeOptions || undefined,
  };
  return {
    options,
    nodeArgs,
    describe: `${origin}\n  ${JSON.stringify(shown)}`,
  };
}
