"""OCR of scanned pages and images with RapidOCR (PP-OCR models shipped inside the wheel, offline)."""
