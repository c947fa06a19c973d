<?php
/**
 * Sends events to Relance: JSON over HTTPS with the shop's API key, a short timeout, and never
 * an exception to the caller (a checkout must not fail because Relance is unreachable).
 */
if (!defined('_PS_VERSION_') && !defined('RELANCE_TESTING')) {
    exit;
}

class RelanceClient
{
    private $url;
    private $key;
    private $timeout;

    public function __construct($url, $key, $timeout = 2.0)
    {
        $this->url = rtrim((string) $url, '/') . '/api/v1/events';
        $this->key = (string) $key;
        $this->timeout = (float) $timeout;
    }

    /**
     * Posts the events as one batch. Returns array(status, body); status 0 when Relance could
     * not be reached in time.
     */
    public function send(array $events)
    {
        if ($this->key === '' || count($events) === 0) {
            return array(0, 'not configured');
        }
        $body = json_encode(array('events' => array_values($events)));
        $headers = array(
            'Content-Type: application/json',
            'Authorization: Bearer ' . $this->key,
            'User-Agent: relance-prestashop/1.0',
        );
        if (function_exists('curl_init')) {
            $curl = curl_init($this->url);
            curl_setopt_array($curl, array(
                CURLOPT_POST => true,
                CURLOPT_POSTFIELDS => $body,
                CURLOPT_HTTPHEADER => $headers,
                CURLOPT_RETURNTRANSFER => true,
                CURLOPT_CONNECTTIMEOUT_MS => (int) ($this->timeout * 1000),
                CURLOPT_TIMEOUT_MS => (int) ($this->timeout * 1000),
            ));
            $answer = curl_exec($curl);
            $status = (int) curl_getinfo($curl, CURLINFO_HTTP_CODE);
            curl_close($curl);
            return array($status, $answer === false ? '' : (string) $answer);
        }
        $context = stream_context_create(array('http' => array(
            'method' => 'POST',
            'header' => implode("\r\n", $headers),
            'content' => $body,
            'timeout' => $this->timeout,
            'ignore_errors' => true,
        )));
        $answer = @file_get_contents($this->url, false, $context);
        $status = 0;
        if (isset($http_response_header[0]) && preg_match('#^HTTP/\S+ (\d{3})#', $http_response_header[0], $m)) {
            $status = (int) $m[1];
        }
        return array($status, $answer === false ? '' : (string) $answer);
    }
}
