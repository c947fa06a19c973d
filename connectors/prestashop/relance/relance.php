<?php
/**
 * Relance for PrestaShop 8: sends carts and orders to Relance, which reminds the customers who
 * left their cart. Configure the Relance URL and the shop's API key on the module's page.
 *
 * Sending never slows or breaks a checkout: events are collected during the request and sent
 * after the response is flushed to the customer, with a 2-second timeout; a failure is only
 * logged.
 */
if (!defined('_PS_VERSION_')) {
    exit;
}

require_once __DIR__ . '/classes/RelancePayload.php';
require_once __DIR__ . '/classes/RelanceClient.php';

class Relance extends Module
{
    const URL = 'RELANCE_URL';
    const KEY = 'RELANCE_API_KEY';

    /** Events of this request, sent at shutdown. */
    private static $pending = array();

    public function __construct()
    {
        $this->name = 'relance';
        $this->tab = 'emailing';
        $this->version = '1.0.0';
        $this->author = 'Relance';
        $this->need_instance = 0;
        $this->ps_versions_compliancy = array('min' => '8.0.0', 'max' => _PS_VERSION_);
        $this->bootstrap = true;
        parent::__construct();
        $this->displayName = $this->l('Relance: abandoned cart reminders');
        $this->description = $this->l('Sends carts and orders to Relance, which reminds customers who left their cart.');
    }

    public function install()
    {
        return parent::install()
            && $this->registerHook('actionCartSave')
            && $this->registerHook('actionValidateOrder')
            && $this->registerHook('actionOrderStatusPostUpdate');
    }

    public function uninstall()
    {
        Configuration::deleteByName(self::URL);
        Configuration::deleteByName(self::KEY);
        return parent::uninstall();
    }

    /** The configuration page: Relance's URL and the shop's API key. */
    public function getContent()
    {
        $output = '';
        if (Tools::isSubmit('submitRelance')) {
            $url = trim((string) Tools::getValue(self::URL));
            $key = trim((string) Tools::getValue(self::KEY));
            if (!Validate::isAbsoluteUrl($url) || !preg_match('#^https?://#', $url)) {
                $output .= $this->displayError($this->l('Relance URL: an address such as https://relance.example.com'));
            } elseif ($key === '') {
                $output .= $this->displayError($this->l('API key: copy it from Relance, Connect page'));
            } else {
                Configuration::updateValue(self::URL, $url);
                Configuration::updateValue(self::KEY, $key);
                $output .= $this->displayConfirmation($this->l('Settings saved.'));
            }
        }
        return $output . $this->renderForm();
    }

    private function renderForm()
    {
        $form = array('form' => array(
            'legend' => array('title' => $this->l('Connection to Relance'), 'icon' => 'icon-cogs'),
            'input' => array(
                array('type' => 'text', 'label' => $this->l('Relance URL'), 'name' => self::URL, 'required' => true),
                array('type' => 'password', 'label' => $this->l('API key'), 'name' => self::KEY, 'required' => true),
            ),
            'submit' => array('title' => $this->l('Save')),
        ));
        $helper = new HelperForm();
        $helper->module = $this;
        $helper->name_controller = $this->name;
        $helper->token = Tools::getAdminTokenLite('AdminModules');
        $helper->currentIndex = AdminController::$currentIndex . '&configure=' . $this->name;
        $helper->submit_action = 'submitRelance';
        $helper->fields_value = array(
            self::URL => Configuration::get(self::URL),
            self::KEY => Configuration::get(self::KEY),
        );
        return $helper->generateForm(array($form));
    }

    public function hookActionCartSave($params)
    {
        $this->safely(function () use ($params) {
            $cart = isset($params['cart']) ? $params['cart'] : null;
            if (!Validate::isLoadedObject($cart) || !$cart->nbProducts()) {
                return;
            }
            $customer = $cart->id_customer ? new Customer((int) $cart->id_customer) : null;
            $this->queue(RelancePayload::cartEvent(
                $this->cartData($cart),
                Validate::isLoadedObject($customer) ? $this->customerData($customer, $cart) : null
            ));
        });
    }

    public function hookActionValidateOrder($params)
    {
        $this->safely(function () use ($params) {
            $order = $params['order'];
            $state = $params['orderStatus'];
            $this->queue(RelancePayload::orderEvent($this->orderData($order, $state)));
        });
    }

    public function hookActionOrderStatusPostUpdate($params)
    {
        $this->safely(function () use ($params) {
            $order = new Order((int) $params['id_order']);
            $state = $params['newOrderStatus'];
            if (!Validate::isLoadedObject($order) || !Validate::isLoadedObject($state)) {
                return;
            }
            $this->queue(RelancePayload::statusEvent(
                $this->orderData($order, $state),
                (int) $state->id,
                $this->status($state),
                date('Y-m-d H:i:s')
            ));
        });
    }

    private function cartData(Cart $cart)
    {
        $link = Context::getContext()->link;
        $currency = new Currency((int) $cart->id_currency);
        $products = array();
        foreach ($cart->getProducts() as $p) {
            $products[] = array(
                'id' => $p['id_product'] . '-' . $p['id_product_attribute'],
                'sku' => (string) $p['reference'],
                'name' => $p['name'] . (empty($p['attributes']) ? '' : ' - ' . $p['attributes']),
                'price_tax_incl' => $p['price_wt'],
                'quantity' => $p['cart_quantity'],
                'image_url' => empty($p['id_image']) ? null
                    : $link->getImageLink($p['link_rewrite'], $p['id_image'], 'home_default'),
                'product_url' => $link->getProductLink((int) $p['id_product']),
                'category' => isset($p['category']) ? $p['category'] : null,
                'stock' => isset($p['quantity_available']) ? $p['quantity_available'] : null,
                'ean13' => isset($p['ean13']) ? $p['ean13'] : null,
            );
        }
        return array(
            'id' => (int) $cart->id,
            'currency' => $currency->iso_code,
            'total_tax_incl' => $cart->getOrderTotal(true),
            'total_tax_excl' => $cart->getOrderTotal(false),
            'shipping' => $cart->getOrderTotal(true, Cart::ONLY_SHIPPING),
            'url' => $link->getPageLink('cart', true, null, array('action' => 'show')),
            'updated_at' => $cart->date_upd ?: date('Y-m-d H:i:s'),
            'time_zone' => Configuration::get('PS_TIMEZONE') ?: 'UTC',
            'products' => $products,
        );
    }

    private function customerData(Customer $customer, Cart $cart)
    {
        $address = $cart->id_address_delivery ? new Address((int) $cart->id_address_delivery) : null;
        $country = $address && Validate::isLoadedObject($address) ? Country::getIsoById((int) $address->id_country) : null;
        return array(
            'id' => (int) $customer->id,
            'email' => $customer->email,
            'first_name' => $customer->firstname,
            'last_name' => $customer->lastname,
            'gender' => (int) $customer->id_gender,
            'language' => Language::getIsoById((int) $customer->id_lang) ?: 'en',
            'country' => $country,
            'groups' => $customer->getGroups(),
            'newsletter' => (bool) $customer->newsletter,
            'birthdate' => $customer->birthday,
            'phone' => $address && Validate::isLoadedObject($address)
                ? ($address->phone_mobile ?: $address->phone) : null,
        );
    }

    private function orderData(Order $order, $state)
    {
        $codes = array();
        foreach ($order->getCartRules() as $rule) {
            $cartRule = new CartRule((int) $rule['id_cart_rule']);
            if ($cartRule->code) {
                $codes[] = $cartRule->code;
            }
        }
        return array(
            'id' => (int) $order->id,
            'reference' => $order->reference,
            'cart_id' => (int) $order->id_cart,
            'total_paid_tax_incl' => $order->total_paid_tax_incl,
            'created_at' => $order->date_add,
            'time_zone' => Configuration::get('PS_TIMEZONE') ?: 'UTC',
            'coupon_codes' => $codes,
            'status' => $this->status($state),
        );
    }

    private function status($state)
    {
        return RelancePayload::statusOf(
            (int) $state->id,
            (bool) $state->paid,
            (int) Configuration::get('PS_OS_CANCELED'),
            (int) Configuration::get('PS_OS_REFUND')
        );
    }

    /** Runs a hook's work; any failure is logged, never thrown into the shop's page. */
    private function safely(callable $work)
    {
        try {
            $work();
        } catch (\Throwable $e) {
            PrestaShopLogger::addLog('Relance: ' . $e->getMessage(), 2, null, 'Relance');
        }
    }

    private function queue(array $event)
    {
        if (count(self::$pending) === 0) {
            register_shutdown_function(array(__CLASS__, 'flush'));
        }
        self::$pending[] = $event;
    }

    /** After the response: the customer's page is complete before Relance is called. */
    public static function flush()
    {
        if (function_exists('fastcgi_finish_request')) {
            fastcgi_finish_request();
        }
        $events = self::$pending;
        self::$pending = array();
        try {
            $client = new RelanceClient(Configuration::get(self::URL), Configuration::get(self::KEY));
            list($status, $body) = $client->send($events);
            if ($status !== 202) {
                PrestaShopLogger::addLog('Relance answered ' . $status . ': ' . substr($body, 0, 500), 2, null, 'Relance');
            }
        } catch (\Throwable $e) {
            PrestaShopLogger::addLog('Relance: ' . $e->getMessage(), 2, null, 'Relance');
        }
    }
}
