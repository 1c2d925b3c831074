const braintree = require("braintree");

const gateway = new braintree.BraintreeGateway({ accessToken: "access_token$production$nz7i2von543o095t$4b1f6aae7b94e3e57b380b17e4a600ee" });
