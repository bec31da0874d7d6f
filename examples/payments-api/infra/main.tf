terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "checkout/payments-api/terraform.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Service     = var.name
      Team        = "team-payments"
      Environment = var.environment
    }
  }
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

# Reconciliation worker (runs the nightly receipts job outside the cluster).
resource "aws_instance" "worker" {
  ami                    = data.aws_ami.al2023.id
  instance_type          = var.worker_instance_type
  subnet_id              = var.private_subnet_ids[0]
  vpc_security_group_ids = var.worker_security_group_ids

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = {
    Name = "${var.name}-worker"
  }
}

# Receipts for every captured payment.
resource "aws_s3_bucket" "receipts" {
  bucket = "${var.name}-receipts-${var.environment}"
}

resource "aws_s3_bucket_versioning" "receipts" {
  bucket = aws_s3_bucket.receipts.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "receipts" {
  bucket = aws_s3_bucket.receipts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# EKS control plane for the API.
data "aws_iam_policy_document" "eks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "eks_cluster" {
  name               = "${var.name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.eks_assume.json
}

resource "aws_iam_role_policy_attachment" "eks_cluster" {
  role       = aws_iam_role.eks_cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_eks_cluster" "main" {
  name     = var.name
  role_arn = aws_iam_role.eks_cluster.arn
  version  = var.eks_version

  vpc_config {
    subnet_ids = var.private_subnet_ids
  }

  enabled_cluster_log_types = ["api", "audit"]

  depends_on = [aws_iam_role_policy_attachment.eks_cluster]
}

# CI user for .github/workflows/deploy.yml.
resource "aws_iam_user" "ci" {
  name = "${var.name}-ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

data "aws_iam_policy_document" "ci" {
  statement {
    sid       = "PushReceiptsAndDescribeCluster"
    actions   = ["s3:PutObject", "eks:DescribeCluster"]
    resources = ["${aws_s3_bucket.receipts.arn}/*", aws_eks_cluster.main.arn]
  }
}

resource "aws_iam_user_policy" "ci" {
  name   = "${var.name}-ci"
  user   = aws_iam_user.ci.name
  policy = data.aws_iam_policy_document.ci.json
}

# Break-glass console user for the payments on-call.
resource "aws_iam_user" "oncall" {
  name = "${var.name}-oncall"
}

resource "aws_iam_user_login_profile" "oncall" {
  user                    = aws_iam_user.oncall.name
  password_reset_required = true
}
