/**
 * A business rule that is not met. `code` is a stable UPPER_SNAKE identifier
 * for programs; `message` is Danish and tells the user what to do;
 * `messageEn` is the English equivalent.
 */
export interface RuleViolation {
  code: string;
  message: string;
  messageEn: string;
}
