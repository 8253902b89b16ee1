import { describe, expect, it } from 'vitest';
import { Budget, type ValidationLimits } from './budget';
import { ValidationTimeoutError } from './errors';
import { UPDATE_LIMITS } from '../update-validator';

const noTime: ValidationLimits = { ...UPDATE_LIMITS, timeBaseMs: 0, timePerEntryMs: 0 };
const ampleTime: ValidationLimits = { ...UPDATE_LIMITS, timeBaseMs: 600_000 };

describe('Budget', () => {
  it('charges the time of a check too short to reach a clock reading of its own', () => {
    const budget = new Budget(noTime);
    for (let i = 0; i < 10; i++) budget.step();
    expect(() => budget.checkTime()).toThrow(ValidationTimeoutError);
  });

  it('charges the time before the first processor clock reading to a long check', () => {
    const budget = new Budget(noTime);
    expect(() => {
      for (let i = 0; i < 5_000; i++) budget.step();
    }).toThrow(ValidationTimeoutError);
  });

  it('lets a check within its allowance through, short or long', () => {
    const short = new Budget(ampleTime);
    short.step();
    short.checkTime();
    const long = new Budget(ampleTime);
    for (let i = 0; i < 5_000; i++) long.step();
    long.checkTime();
    expect([short.steps, long.steps]).toEqual([1, 5_000]);
  });
});
