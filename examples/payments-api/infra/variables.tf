variable "region" {
  description = "AWS region for the payments-api stack."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Deployment environment (staging or production)."
  type        = string
  default     = "production"
}

variable "name" {
  description = "Name prefix for every resource."
  type        = string
  default     = "payments-api"
}

variable "private_subnet_ids" {
  description = "Private subnets of the checkout VPC."
  type        = list(string)
}

variable "worker_security_group_ids" {
  description = "Security groups for the reconciliation worker."
  type        = list(string)
  default     = []
}

variable "worker_instance_type" {
  description = "Instance type of the reconciliation worker."
  type        = string
  default     = "t3.small"
}

variable "eks_version" {
  description = "Kubernetes version of the EKS control plane."
  type        = string
  default     = "1.30"
}
