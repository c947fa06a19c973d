<?php
/**
 * Relance for PrestaShop: turns a shop's carts and orders, read into plain arrays, into the
 * events of Relance's API (docs/api.md). Pure functions: tested with php-cli against a running
 * Relance (connectors/prestashop/tests/payload_test.php).
 */
if (!defined('_PS_VERSION_') && !defined('RELANCE_TESTING')) {
    exit;
}

class RelancePayload
{
    /** A decimal amount as Relance reads it: a string with two decimals, never a float. */
    public static function amount($value)
    {
        return number_format((float) $value, 2, '.', '');
    }

    /**
     * A `cart_updated` event.
     *
     * $cart: id, currency (ISO code), total_tax_incl, total_tax_excl, shipping, url, updated_at
     * (a date PrestaShop writes, in the shop's time zone), time_zone, products (each: id, sku,
     * name, price_tax_incl, quantity, image_url, product_url, category, stock, ean13).
     * $customer (or null for a guest without an address yet): id, email, first_name, last_name,
     * gender (1 = male, 2 = female), language, country, groups, newsletter, birthdate, phone.
     */
    public static function cartEvent(array $cart, $customer)
    {
        $items = array();
        foreach ($cart['products'] as $product) {
            $item = array(
                'sku' => (string) ($product['sku'] !== '' ? $product['sku'] : 'ps-' . $product['id']),
                'name' => (string) $product['name'],
                'unit_price' => self::amount($product['price_tax_incl']),
                'quantity' => (int) $product['quantity'],
            );
            foreach (array('image_url', 'product_url', 'category') as $field) {
                if (!empty($product[$field])) {
                    $item[$field] = (string) $product[$field];
                }
            }
            if (isset($product['stock'])) {
                $item['stock'] = (int) $product['stock'];
            }
            // PrestaShop keeps "" or "0" for a product without a barcode.
            if (!empty($product['ean13']) && $product['ean13'] !== '0') {
                $item['ean'] = (string) $product['ean13'];
            }
            $items[] = $item;
        }
        $occurred = self::utc($cart['updated_at'], $cart['time_zone']);
        $event = array(
            // One id per state of the cart: saving the same cart twice is a duplicate.
            'id' => 'ps-cart-' . $cart['id'] . '-' . substr(sha1(json_encode($items) . $occurred), 0, 16),
            'type' => 'cart_updated',
            'occurred_at' => $occurred,
            'cart' => array(
                'id' => 'ps-' . $cart['id'],
                'currency' => (string) $cart['currency'],
                'total_tax_incl' => self::amount($cart['total_tax_incl']),
                'total_tax_excl' => self::amount($cart['total_tax_excl']),
                'shipping' => self::amount($cart['shipping']),
                'url' => (string) $cart['url'],
                'items' => $items,
            ),
        );
        if ($customer !== null && !empty($customer['email'])) {
            $event['customer'] = self::customer($customer);
        }
        return $event;
    }

    public static function customer(array $customer)
    {
        $genders = array(1 => 'male', 2 => 'female');
        $out = array(
            'id' => 'ps-' . $customer['id'],
            'email' => (string) $customer['email'],
            'first_name' => (string) $customer['first_name'],
            'last_name' => (string) $customer['last_name'],
            'language' => (string) $customer['language'],
            'newsletter' => (bool) $customer['newsletter'],
            'groups' => array_values(array_map('strval', $customer['groups'])),
        );
        if (isset($genders[(int) $customer['gender']])) {
            $out['gender'] = $genders[(int) $customer['gender']];
        }
        foreach (array('country', 'phone') as $field) {
            if (!empty($customer[$field])) {
                $out[$field] = (string) $customer[$field];
            }
        }
        // PrestaShop writes an unknown birthday as 0000-00-00.
        if (!empty($customer['birthdate']) && $customer['birthdate'] !== '0000-00-00') {
            $out['birthdate'] = (string) $customer['birthdate'];
        }
        return $out;
    }

    /**
     * An `order_completed` event for the order of a cart. $order: id, reference, cart_id,
     * total_paid_tax_incl, created_at, time_zone, coupon_codes, status (see statusOf).
     */
    public static function orderEvent(array $order)
    {
        return array(
            'id' => 'ps-order-' . $order['id'],
            'type' => 'order_completed',
            'occurred_at' => self::utc($order['created_at'], $order['time_zone']),
            'cart' => array('id' => 'ps-' . $order['cart_id']),
            'order' => array(
                'id' => (string) $order['reference'],
                'total_tax_incl' => self::amount($order['total_paid_tax_incl']),
                'coupon_codes' => array_values(array_map('strval', $order['coupon_codes'])),
                'status' => $order['status'],
            ),
        );
    }

    /** An `order_updated` event: the order moved to the state `$stateId` at `$at`. */
    public static function statusEvent(array $order, $stateId, $status, $at)
    {
        return array(
            'id' => 'ps-order-' . $order['id'] . '-state-' . (int) $stateId . '-' . $at,
            'type' => 'order_updated',
            'occurred_at' => self::utc($at, $order['time_zone']),
            'cart' => array('id' => 'ps-' . $order['cart_id']),
            'order' => array('id' => (string) $order['reference'], 'status' => $status),
        );
    }

    /**
     * Relance's order status for a PrestaShop order state: the shop's "canceled" and "refund"
     * states by their configured ids, a state marked paid, else pending.
     */
    public static function statusOf($stateId, $paid, $canceledId, $refundId)
    {
        if ((int) $stateId === (int) $canceledId) {
            return 'cancelled';
        }
        if ((int) $stateId === (int) $refundId) {
            return 'refunded';
        }
        return $paid ? 'paid' : 'pending';
    }

    /** A PrestaShop date (the shop's local time) as RFC 3339 in UTC. */
    public static function utc($local, $timeZone)
    {
        $date = new DateTime($local, new DateTimeZone($timeZone));
        $date->setTimezone(new DateTimeZone('UTC'));
        return $date->format('Y-m-d\TH:i:s\Z');
    }
}
