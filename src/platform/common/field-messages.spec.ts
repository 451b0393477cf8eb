import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsNumber, IsString, Max, MaxLength, Min, MinLength, validate } from 'class-validator';
import { meaningfulMessages } from './field-messages.js';

class Sample {
  @IsInt({ message: 'budgetYear must be a whole number' }) @Min(2000) @Max(2100) budgetYear: number;
  @IsNumber({}, { message: 'amount must be a number (DKK)' }) @Min(0) amount: number;
  @IsString() @MinLength(2) @MaxLength(10) title: string;
}

async function messagesFor(input: Record<string, unknown>): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(Sample, input));
  return Object.fromEntries(errors.map((e) => [e.property, meaningfulMessages(e)]));
}

describe('the first meaningful message per field', () => {
  it('says a word is not a whole number, and nothing about its range', async () => {
    const m = await messagesFor({ budgetYear: 'abc', amount: 1, title: 'ok' });
    expect(m).toEqual({ budgetYear: ['budgetYear must be a whole number'] });
  });

  it('says an empty amount is required, once', async () => {
    expect((await messagesFor({ budgetYear: 2030, amount: '', title: 'ok' })).amount).toEqual(['amount is required']);
    expect((await messagesFor({ budgetYear: 2030, title: 'ok' })).amount).toEqual(['amount is required']);
  });

  it('speaks of the range only for a value of the right kind', async () => {
    const m = await messagesFor({ budgetYear: 2200, amount: -5, title: 'x' });
    expect(m).toEqual({
      budgetYear: ['budgetYear must not be greater than 2100'],
      amount: ['amount must not be less than 0'],
      title: ['title must be longer than or equal to 2 characters'],
    });
  });
});
