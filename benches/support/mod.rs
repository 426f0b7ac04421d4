pub mod ten_years;
pub mod twenty_years;
