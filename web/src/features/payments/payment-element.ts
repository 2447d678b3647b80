interface StripeJs {
  elements(options: { clientSecret: string }): { create(type: "payment"): { mount(target: string): void } };
  confirmPayment(options: { elements: unknown; confirmParams: { return_url: string } }): Promise<{ error?: { type: string; message?: string } }>;
}
declare const Stripe: (publishableKey: string) => StripeJs;

/**
 * Stripe's Payment Element, as Stripe documents it: load Stripe.js, mount, confirm. Shared by
 * the deposit page and the account's pay page; each renders `#payment-form` with its data-*.
 */
export function mountPaymentForm(form: HTMLFormElement | null): void {
  if (!form) return;
  const { stripeJs = "", key = "", secret = "", returnUrl = "", phone = "" } = form.dataset;
  const button = form.querySelector("button")!;
  const errors = document.getElementById("payment-error")!;
  const showError = (message: string) => {
    const alert = Object.assign(document.createElement("p"), { className: "alert error", textContent: message });
    errors.replaceChildren(...(message ? [alert] : []));
  };
  const script = Object.assign(document.createElement("script"), { src: stripeJs });
  script.onerror = () => showError(`The card form did not load. Check your connection and refresh the page, or call us on ${phone}.`);
  script.onload = () => {
    const stripe = Stripe(key);
    const elements = stripe.elements({ clientSecret: secret });
    elements.create("payment").mount("#payment-element");
    document.getElementById("payment-loading")?.remove();
    button.disabled = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      showError("");
      const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl } });
      // Only reached when the payment did not go through; otherwise Stripe has sent the browser to return_url.
      const shown = error?.type === "card_error" || error?.type === "validation_error";
      showError(shown && error?.message ? error.message : "Something went wrong and nothing was taken. Please try again.");
      button.disabled = false;
    });
  };
  document.head.append(script);
}
