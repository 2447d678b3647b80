/**
 * `GET /v3/`: a stand-in for Stripe.js (https://js.stripe.com/v3/) implementing the part of
 * its API a Payment Element integration uses, so the site's real payment page works offline:
 *
 *   const stripe = Stripe(publishableKey);
 *   const elements = stripe.elements({ clientSecret });
 *   elements.create("payment").mount("#payment-element");
 *   const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url } });
 *
 * The element renders labelled test-card fields in the page (Stripe's are in an iframe).
 * `confirmPayment` calls this fake's REST API as Stripe.js calls Stripe's:
 * `POST /v1/payment_intents/:id/confirm` with the publishable key, the client secret and
 * `payment_method_data[card]`. Then, like Stripe.js: success (or `processing`) navigates to
 * `return_url?payment_intent=…&payment_intent_client_secret=…&redirect_status=succeeded`
 * (unless `redirect: "if_required"`, which resolves `{ paymentIntent }`); 3-D Secure
 * (`requires_action`) navigates to the fake's authentication page; a declined card or
 * invalid details resolve `{ error }` (Stripe's error object) and stay on the page.
 */
export function stripeJs(apiBase: string): string {
  return SOURCE.replace("__API_BASE__", JSON.stringify(apiBase.replace(/\/+$/, "")));
}

const SOURCE = String.raw`/* Local fake Stripe: a stand-in for Stripe.js v3 (test mode only). */
(function () {
  "use strict";
  var API = __API_BASE__;
  var CSS = ".lfs{display:grid;gap:.75rem}.lfs-note{margin:0;padding:.5rem .75rem;border-radius:8px;background:#fff4ce;color:#4d3800;font-size:.875rem}" +
    ".lfs label{display:block;font-weight:600;margin-bottom:.25rem}.lfs input{box-sizing:border-box;width:100%;min-height:44px;padding:.5rem .75rem;font:inherit;color:inherit;background:#fff;border:1px solid #767676;border-radius:8px}" +
    ".lfs input[aria-invalid=true]{border-color:#b42318}.lfs-row{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;align-items:end}";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text) node.textContent = text;
    return node;
  }

  function field(id, label, attrs) {
    var wrap = el("div", {});
    wrap.append(el("label", { for: id }, label), el("input", Object.assign({ id: id, name: id, type: "text" }, attrs)));
    return wrap;
  }

  function PaymentElement() {
    this.fields = null;
  }
  PaymentElement.prototype.mount = function (target) {
    var host = typeof target === "string" ? document.querySelector(target) : target;
    if (!host) throw new Error("IntegrationError: the selector you specified (" + target + ") applies to no DOM elements.");
    if (!document.getElementById("lfs-style")) document.head.append(el("style", { id: "lfs-style" }, CSS));
    var year = String((new Date().getFullYear() + 3) % 100);
    var number = field("lfs-number", "Card number", { inputmode: "numeric", autocomplete: "cc-number", value: "4242 4242 4242 4242", "aria-describedby": "lfs-note" });
    var row = el("div", { class: "lfs-row" });
    row.append(
      field("lfs-expiry", "Expiry date", { inputmode: "numeric", autocomplete: "cc-exp", placeholder: "MM / YY", value: "12 / " + year }),
      field("lfs-cvc", "Security code", { inputmode: "numeric", autocomplete: "cc-csc", value: "123" })
    );
    var note = el("p", { class: "lfs-note", id: "lfs-note" });
    note.append(el("strong", {}, "Local test card — no real money."), " 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.");
    var root = el("div", { class: "lfs" });
    root.append(note, number, row);
    host.replaceChildren(root);
    this.fields = root;
    return this;
  };
  PaymentElement.prototype.value = function (id) {
    return this.fields.querySelector("#" + id).value;
  };

  function Elements(clientSecret) {
    if (!clientSecret) throw new Error("IntegrationError: elements() needs a clientSecret.");
    this.clientSecret = clientSecret;
    this.payment = null;
  }
  Elements.prototype.create = function (type) {
    if (type !== "payment") throw new Error("IntegrationError: the local fake Stripe.js only emulates the payment element.");
    this.payment = new PaymentElement();
    return this.payment;
  };
  Elements.prototype.submit = function () {
    return Promise.resolve({});
  };

  function validationError(code, message) {
    return { error: { type: "validation_error", code: code, message: message } };
  }

  function cardData(element) {
    var number = element.value("lfs-number").replace(/[\s-]/g, "");
    var expiry = element.value("lfs-expiry").match(/^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/);
    var cvc = element.value("lfs-cvc").trim();
    if (!/^\d{12,19}$/.test(number)) return validationError("incomplete_number", "Your card number is incomplete.");
    if (!expiry) return validationError("incomplete_expiry", "Your card's expiration date is incomplete.");
    if (!/^\d{3,4}$/.test(cvc)) return validationError("incomplete_cvc", "Your card's security code is incomplete.");
    return { data: { number: number, exp_month: expiry[1], exp_year: expiry[2], cvc: cvc } };
  }

  function withRedirectParams(url, pi, clientSecret) {
    var next = new URL(url, location.href);
    next.searchParams.set("payment_intent", pi.id);
    next.searchParams.set("payment_intent_client_secret", clientSecret);
    next.searchParams.set("redirect_status", pi.status === "succeeded" || pi.status === "processing" ? "succeeded" : "failed");
    return next.href;
  }

  function navigate(url) {
    location.assign(url);
    return new Promise(function () {}); // The page is going away, as with Stripe.js.
  }

  function confirmPayment(key, options) {
    var elements = options && options.elements;
    var params = (options && options.confirmParams) || {};
    if (!elements || !elements.payment || !elements.payment.fields) return Promise.reject(new Error("IntegrationError: confirmPayment needs mounted elements."));
    if (!params.return_url && options.redirect !== "if_required") return Promise.reject(new Error("IntegrationError: stripe.confirmPayment(): the confirmParams.return_url argument is required."));
    var card = cardData(elements.payment);
    if (card.error) return Promise.resolve(card);
    var secret = elements.clientSecret;
    var body = new URLSearchParams({ client_secret: secret, "payment_method_data[type]": "card" });
    for (var name in card.data) body.set("payment_method_data[card][" + name + "]", card.data[name]);
    if (params.return_url) body.set("return_url", params.return_url);
    var id = secret.split("_secret_")[0];
    return fetch(API + "/v1/payment_intents/" + encodeURIComponent(id) + "/confirm", {
      method: "POST",
      headers: { authorization: "Bearer " + key, "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) return { error: json.error };
        var redirect = json.next_action && json.next_action.redirect_to_url;
        if (json.status === "requires_action" && redirect) return navigate(redirect.url);
        if (options.redirect === "if_required") return { paymentIntent: json };
        return navigate(withRedirectParams(params.return_url, json, secret));
      });
    }, function () {
      return { error: { type: "api_connection_error", message: "We could not reach the payment provider. Check your connection and try again." } };
    });
  }

  window.Stripe = function Stripe(key) {
    if (typeof key !== "string" || key.indexOf("pk_") !== 0) throw new Error("IntegrationError: Invalid value for Stripe(): apiKey should be a publishable key (pk_...).");
    return {
      elements: function (options) {
        return new Elements(options && options.clientSecret);
      },
      confirmPayment: function (options) {
        return confirmPayment(key, options);
      },
    };
  };
})();
`;
