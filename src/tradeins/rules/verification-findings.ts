// Collector for one verification assessment: blocking issues, steps still to do, and warnings.
import type { RuleIssue } from './reasons.js';

export interface PendingStep {
  step: string;
  message: string;
  rule: number;
  article: string;
}

export interface VerificationWarning {
  code: string;
  message: string;
  rule: number;
  article: string;
}

export class Findings {
  readonly issues: RuleIssue[] = [];
  readonly pendingSteps: PendingStep[] = [];
  readonly warnings: VerificationWarning[] = [];

  issue(path: string, code: string, rule: number, article: string, message: string): void {
    this.issues.push({ path, code, message, rule, article });
  }

  pending(step: string, rule: number, article: string, message: string): void {
    if (!this.pendingSteps.some((s) => s.step === step)) this.pendingSteps.push({ step, message, rule, article });
  }

  warn(code: string, rule: number, article: string, message: string): void {
    if (!this.warnings.some((w) => w.code === code && w.message === message)) this.warnings.push({ code, message, rule, article });
  }
}
