<?php
// No directory listing.
header("Location: ../");
exit;
