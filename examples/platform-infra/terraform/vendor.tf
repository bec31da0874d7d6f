# Read-only access for the monitoring vendor. The vendor documents an external id; this role does not ask for it.
resource "aws_iam_role" "monitoring_vendor" {
  name = "monitoring-vendor-readonly"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::464622532012:root" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
