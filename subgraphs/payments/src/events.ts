import type { EventHandlers } from '@basket/platform';
import type { PaymentCommands } from './service/payment-commands';

/**
 * The commands payments executes (orders' checkout saga and refunds send them on
 * payments.commands). Each runs in the consumer's transaction with its
 * processed_events row, so a redelivered command is a no-op; a command that cannot
 * be carried out throws and is parked with its reason after the consumer's retries.
 * Payments consumes no other domain's facts.
 */
export function paymentsConsumers(commands: PaymentCommands): EventHandlers {
  return {
    AuthorizePayment: commands.authorize,
    CapturePayment: commands.capture,
    VoidPayment: commands.voidPayment,
    RefundPayment: commands.refund,
  };
}
