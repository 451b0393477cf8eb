import { Module } from '@nestjs/common';
import { BudgetRoundsController } from './budget-rounds.controller.js';
import { BudgetRoundsService } from './budget-rounds.service.js';

/**
 * Budget rounds (budgetrunder): the waves of plans tied to a budget year, their plans' stages and deadlines,
 * the material for the budget negotiations and what the budget decisions granted.
 */
@Module({
  controllers: [BudgetRoundsController],
  providers: [BudgetRoundsService],
})
export class BudgetRoundsModule {}
