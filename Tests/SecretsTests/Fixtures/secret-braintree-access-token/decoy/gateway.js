const gateway = new braintree.BraintreeGateway({ accessToken: process.env.BT_ACCESS_TOKEN });
// access_token$sandbox$<merchant>$<secret>
