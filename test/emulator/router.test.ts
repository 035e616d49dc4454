import { describe, expect, it } from 'vitest';
import { guessService, matchRoute, parseQuery } from '../../src/emulator/router.js';

const app = 'arn:aws:chime:us-east-1:123456789012:app-instance/11111111-2222-3333-4444-555555555555';
const enc = encodeURIComponent;

function route(method: string, target: string, body?: unknown) {
  const [rawPath, rawQuery = ''] = target.split('?');
  return matchRoute({ method, rawPath: rawPath!, query: parseQuery(rawQuery), body: () => body });
}

describe('router', () => {
  it('sends the shared Chime tag routes to the service owning the ARN', () => {
    expect(route('GET', `/tags?arn=${enc(app)}`)).toMatchObject({ service: 'identity', operation: 'ListTagsForResource' });
    expect(route('GET', `/tags?arn=${enc(`${app}/user/alice`)}`)).toMatchObject({ service: 'identity' });
    expect(route('GET', `/tags?arn=${enc(`${app}/bot/b1`)}`)).toMatchObject({ service: 'identity' });
    expect(route('GET', `/tags?arn=${enc(`${app}/channel/c1`)}`)).toMatchObject({ service: 'messaging', operation: 'ListTagsForResource' });
    expect(route('POST', '/tags?operation=tag-resource', { ResourceARN: `${app}/channel-flow/f1` })).toMatchObject({
      service: 'messaging',
      operation: 'TagResource',
    });
    expect(route('POST', '/tags?operation=untag-resource', { ResourceARN: `${app}/user/bob` })).toMatchObject({
      service: 'identity',
      operation: 'UntagResource',
    });
  });

  it('prefers the route whose query literal is present, then the bare route', () => {
    expect(route('POST', '/channels')?.operation).toBe('CreateChannel');
    expect(route('POST', '/channels?operation=search&max-results=5')?.operation).toBe('SearchChannels');
    expect(route('GET', '/channels?app-instance-arn=x')?.operation).toBe('ListChannels');
    expect(route('GET', '/channels?scope=app-instance-user-memberships')?.operation).toBe('ListChannelMembershipsForAppInstanceUser');
    expect(route('GET', '/channels?scope=channel-flow-associations')?.operation).toBe('ListChannelsAssociatedWithChannelFlow');
    const ch = enc(`${app}/channel/c1`);
    expect(route('GET', `/channels/${ch}/messages/m1`)?.operation).toBe('GetChannelMessage');
    expect(route('GET', `/channels/${ch}/messages/m1?scope=message-status`)?.operation).toBe('GetChannelMessageStatus');
    expect(route('POST', `/channels/${ch}/memberships`)?.operation).toBe('CreateChannelMembership');
    expect(route('POST', `/channels/${ch}/memberships?operation=batch-create`)?.operation).toBe('BatchCreateChannelMembership');
    // A literal-only route does not match without its literal.
    expect(route('POST', `/channels/${ch}`)).toBeUndefined();
    expect(route('POST', `/channels/${ch}?operation=channel-flow-callback`)?.operation).toBe('ChannelFlowCallback');
  });

  it('splits the raw path before decoding, so encoded ARNs stay one label', () => {
    const user = `${app}/user/alice@example.com`;
    const m = route('GET', `/app-instance-users/${enc(user)}/endpoints/e1`);
    expect(m).toMatchObject({ service: 'identity', operation: 'DescribeAppInstanceUserEndpoint' });
    expect(m?.labels).toEqual({ AppInstanceUserArn: user, EndpointId: 'e1' });
    // Identity and messaging share /app-instances/{arn}/... with different suffixes.
    expect(route('GET', `/app-instances/${enc(app)}/retention-settings`)?.service).toBe('identity');
    expect(route('GET', `/app-instances/${enc(app)}/streaming-configurations`)?.service).toBe('messaging');
    const room = 'arn:aws:ivschat:us-east-1:123456789012:room/abcdABCD1234';
    expect(route('DELETE', `/tags/${enc(room)}?tagKeys=a&tagKeys=b`)).toMatchObject({
      service: 'ivschat',
      operation: 'UntagResource',
      labels: { resourceArn: room },
    });
  });

  it('matches behind an endpoint base path', () => {
    expect(route('POST', '/some/prefix/app-instances')).toMatchObject({ operation: 'CreateAppInstance', basePath: '/some/prefix' });
    expect(route('POST', '/prefix/CreateRoom')).toMatchObject({ service: 'ivschat', operation: 'CreateRoom', basePath: '/prefix' });
    expect(route('GET', `/p/tags?arn=${enc(`${app}/channel/c`)}`)).toMatchObject({ service: 'messaging', basePath: '/p' });
    expect(route('POST', '/CreateRoom')).toMatchObject({ basePath: '' });
  });

  it('finds nothing for unknown routes and picks the error dialect', () => {
    expect(route('GET', '/nothing/here')).toBeUndefined();
    expect(route('PATCH', '/app-instances')).toBeUndefined();
    expect(route('GET', '/app-instances/%E0%A4%A')).toBeUndefined(); // malformed encoding
    expect(guessService('/DoesNotExist')).toBe('ivschat');
    expect(guessService('/nope')).toBe('identity');
    expect(guessService('/nope', 'ivschat')).toBe('ivschat');
  });

  it('parses repeated and encoded query parameters', () => {
    expect(parseQuery('tagKeys=a&tagKeys=b%20c&x=1%2B1&empty')).toEqual([
      ['tagKeys', 'a'],
      ['tagKeys', 'b c'],
      ['x', '1+1'],
      ['empty', ''],
    ]);
  });
});
