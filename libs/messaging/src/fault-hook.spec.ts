import { faultPoint, parseFaultHook } from './fault-hook';

describe('test-only fault hooks', () => {
  it('reads the point and the hit count of DAIBAN_FAULT_HOOK', () => {
    expect(parseFaultHook(undefined)).toBeUndefined();
    expect(parseFaultHook('')).toBeUndefined();
    expect(parseFaultHook('relay.afterPublishBeforeMark')).toEqual({
      point: 'relay.afterPublishBeforeMark',
      hit: 1,
    });
    expect(parseFaultHook('consumer.afterEffectBeforeAck@3')).toEqual({
      point: 'consumer.afterEffectBeforeAck',
      hit: 3,
    });
    expect(() => parseFaultHook('relay.afterCommitBeforePublish@0')).toThrow('bad hit count');
  });

  it('does nothing when the variable is unset (as in production)', () => {
    expect(process.env.DAIBAN_FAULT_HOOK).toBeUndefined();
    const kill = jest.spyOn(process, 'kill');
    faultPoint('relay.afterCommitBeforePublish');
    expect(kill).not.toHaveBeenCalled();
    kill.mockRestore();
  });
});
