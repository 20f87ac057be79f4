"""Story intake (issue 19): colleagues propose stories, editors accept or decline them."""
