<?php
$mailchimp = new \MailchimpMarketing\ApiClient();
$mailchimp->setConfig(['apiKey' => '813d35d9447b799ff0c0fe9469b5f9a8-us14', 'server' => 'us14']);
