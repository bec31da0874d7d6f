resource "aws_launch_template" "web" {
  name_prefix   = "storefront-web-"
  image_id      = var.ami_id
  instance_type = "t3.small"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-storefront-assets"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

variable "ami_id" {
  type = string
}
