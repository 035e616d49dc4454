import { shortId } from '../../context/arn.js';
import type { ListView } from '../../io/render.js';

const lambdas = (f: { Processors?: Array<{ Configuration?: { Lambda?: { ResourceArn?: string } } }> }) =>
  (f.Processors ?? []).map((p) => p.Configuration?.Lambda?.ResourceArn).join(' ');

export const flowList: Omit<ListView, 'key'> = {
  noun: 'channel flows',
  columns: [
    ['ID', (f) => shortId(f.ChannelFlowArn)],
    ['NAME', (f) => f.Name],
    ['PROCESSORS', (f) => (f.Processors ?? []).map((p: any) => `${p.Name} (${p.FallbackAction})`).join(', ')],
    ['LAMBDA', lambdas],
    ['ARN', (f) => f.ChannelFlowArn],
  ],
  id: (f) => f.ChannelFlowArn,
};
