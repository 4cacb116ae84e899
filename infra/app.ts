import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildPages } from '../web/build.js';
import { buildCoproduce } from './coproduce.js';

// `npx cdk synth -c stage=prod`; the default stage is in cdk.json.
// The pages written in TypeScript are built first, so the web function's copy of web/ carries them.
buildPages({ minify: true });
const app = new App();
buildCoproduce(app);
// cdk-nag 3: a policy-validation plugin; an unacknowledged AwsSolutions error fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
