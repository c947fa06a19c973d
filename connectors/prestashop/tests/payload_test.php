<?php
/**
 * The module's payload builder against a running Relance: real HTTP, real validation.
 * Usage: RELANCE_URL=http://127.0.0.1:3000 RELANCE_KEY=rk_… php tests/payload_test.php
 * Exits non-zero at the first failed check. The Rust test `prestashop` runs it.
 */
define('RELANCE_TESTING', true);
require __DIR__ . '/../relance/classes/RelancePayload.php';
require __DIR__ . '/../relance/classes/RelanceClient.php';

$failures = 0;
function check($ok, $what)
{
    global $failures;
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . "\n";
    if (!$ok) {
        $failures++;
    }
}

$url = getenv('RELANCE_URL');
$key = getenv('RELANCE_KEY');
if (!$url || !$key) {
    fwrite(STDERR, "RELANCE_URL and RELANCE_KEY are required\n");
    exit(2);
}

// A cart as the module reads it from PrestaShop (Paris time, prices as PrestaShop's floats).
$cart = array(
    'id' => 4242, 'currency' => 'EUR', 'total_tax_incl' => 71.8, 'total_tax_excl' => 59.833333,
    'shipping' => 7, 'url' => 'https://boutique.example/panier?action=show',
    'updated_at' => '2026-11-23 09:30:00', 'time_zone' => 'Europe/Paris',
    'products' => array(
        array('id' => '7-31', 'sku' => 'TASSE-EM', 'name' => 'Tasse émaillée - Bleu', 'price_tax_incl' => 32.4,
              'quantity' => 2, 'image_url' => 'https://boutique.example/7-home_default/tasse.jpg',
              'product_url' => 'https://boutique.example/tasse', 'category' => 'Cuisine', 'stock' => 12,
              'ean13' => '4006381333931'),
        array('id' => '9-0', 'sku' => '', 'name' => 'Sous-tasse', 'price_tax_incl' => '0', 'quantity' => 1),
    ),
);
$customer = array(
    'id' => 77, 'email' => 'camille@example.fr', 'first_name' => 'Camille', 'last_name' => "D'Arc",
    'gender' => 2, 'language' => 'fr', 'country' => 'FR', 'groups' => array(3, 4), 'newsletter' => '1',
    'birthdate' => '0000-00-00', 'phone' => '+33611223344',
);
$event = RelancePayload::cartEvent($cart, $customer);
check($event['occurred_at'] === '2026-11-23T08:30:00Z', 'the shop time becomes UTC');
check($event['cart']['total_tax_excl'] === '59.83', 'amounts are decimal strings');
check($event['cart']['items'][1]['sku'] === 'ps-9-0', 'a product without reference gets an id');
check($event['cart']['items'][0]['ean'] === '4006381333931', 'the barcode goes along');
check(!isset($event['cart']['items'][1]['ean']), 'no barcode, no field');
check(!isset($event['customer']['birthdate']), 'an unknown birthday is left out');
check($event['customer']['gender'] === 'female', 'the gender is named');
check($event === RelancePayload::cartEvent($cart, $customer), 'the same cart gives the same event id');
check(RelancePayload::statusOf(6, false, 6, 7) === 'cancelled', 'the canceled state');
check(RelancePayload::statusOf(7, true, 6, 7) === 'refunded', 'the refund state');
check(RelancePayload::statusOf(2, true, 6, 7) === 'paid', 'a paid state');
check(RelancePayload::statusOf(10, false, 6, 7) === 'pending', 'awaiting payment');

$client = new RelanceClient($url, $key);
list($status, $body) = $client->send(array($event));
check($status === 202 && strpos($body, '"accepted":1') !== false, "Relance accepts the cart ($status $body)");
list($status, $body) = $client->send(array($event));
check($status === 202 && strpos($body, '"duplicates":1') !== false, "a saved-again cart is a duplicate ($status $body)");

$order = array(
    'id' => 901, 'reference' => 'XKBKNABJK', 'cart_id' => 4242, 'total_paid_tax_incl' => 71.8,
    'created_at' => '2026-11-23 10:00:00', 'time_zone' => 'Europe/Paris', 'coupon_codes' => array(),
    'status' => RelancePayload::statusOf(10, false, 6, 7),
);
list($status, $body) = $client->send(array(RelancePayload::orderEvent($order)));
check($status === 202, "Relance takes the order ($status $body)");
$paid = RelancePayload::statusEvent($order, 2, RelancePayload::statusOf(2, true, 6, 7), '2026-11-23 10:05:00');
list($status, $body) = $client->send(array($paid));
check($status === 202, "and its payment ($status $body)");

$bad = $cart;
$bad['currency'] = 'EURO';
list($status, $body) = $client->send(array(RelancePayload::cartEvent($bad, null)));
check($status === 422 && strpos($body, 'cart.currency') !== false, "a wrong currency is refused by field ($status)");

$wrongKey = new RelanceClient($url, 'rk_not_a_key');
list($status) = $wrongKey->send(array($event));
check($status === 401, "a wrong key is refused ($status)");
$refused = new RelanceClient('http://127.0.0.1:9', $key, 0.5);
list($status) = $refused->send(array($event));
check($status === 0, 'a Relance that is down gives status 0, without an exception');
// A server that takes the connection and never answers: the timeout ends the wait.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$started = microtime(true);
$slow = new RelanceClient('http://' . stream_socket_get_name($silent, false), $key, 0.5);
list($status) = $slow->send(array($event));
$waited = microtime(true) - $started;
check($status === 0 && $waited < 2, sprintf('a silent Relance is given up after %.1f s', $waited));

exit($failures === 0 ? 0 : 1);
