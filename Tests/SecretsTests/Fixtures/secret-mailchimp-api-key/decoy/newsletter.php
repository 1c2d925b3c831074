<?php
$mailchimp->setConfig(['apiKey' => getenv('MAILCHIMP_API_KEY'), 'server' => 'us14']);
// keys end in the data centre: 00000000000000000000000000000000-us14
