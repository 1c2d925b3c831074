variable "teams" {
  type    = list(string)
  default = ["red", "blue"]
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

# Every bucket made from the variable lacks logging.
resource "aws_s3_bucket" "team" {
  count  = length(var.teams)
  bucket = "acme-${var.teams[count.index]}"
}

# Logging for a bucket named only by a string is not logging for the buckets above.
resource "aws_s3_bucket_logging" "external" {
  bucket        = "acme-external"
  target_bucket = "acme-central-logs"
}
