"""The faces of the company: profiles, author pages, the faces wall (settings prefix AUTHORS_).

Public API for tools that check content without building (`invoke check`, `invoke new-post`):
- `load_profiles(folder, settings, remembered)`: every profile in a folder and its problems, by
  handle; `remembered` (optional, kept by the caller) spares reading unchanged profiles;
- `check_photos(profiles, settings)`: the build's own problems with their photos (cached);
- `author_problems(path, names, profiles, settings, fields)`: what the build reports about the
  people a post names in its author or credit fields (unknown or ambiguous ones); `profiles` may
  be `author_index(profiles)`, made once when many files are checked;
- `CREDIT_ROLES`: the header fields that credit help by role (`told-to`, `interview`, `photos`,
  `translation`); a built post carries them as `article.credits` (`Credit`: role, people);
- `EMPLOYEE_PROFILE_FIELDS`: the header fields of an employee's profile, in the order they are
  written (`invoke new-post` and the web editor write them so).

For the preview, which keeps a finished build: `rewrite_profile_page(generators, source, writer)`
re-reads one edited profile and writes that person's page again when only its text changed;
`write_person_page(generators, save_as, writer)` writes the page at save_as again if it is a
person's page (after a template change); `draw_ordered_card(output, relative)` draws the social
card a build with AUTHORS_CARDS_ON_REQUEST left to draw at output/relative (False: none ordered);
`make_ordered_photo(output, relative)` makes the photo (all its files) a build with
AUTHORS_PHOTOS_ON_REQUEST left to make, one of whose files is output/relative (False: none
ordered there, or it cannot be made: logged); `ordered_photos(output)` the output paths of every
photo file left to make (the link check accepts them).
"""

from .card_orders import draw_ordered_card
from .credits import CREDIT_ROLES
from .edited_profile import rewrite_profile_page, write_person_page
from .photo_orders import make_ordered_photo, ordered_photos
from .plugin import register
from .portraits import check_photos
from .profile_fields import EMPLOYEE_FIELDS as EMPLOYEE_PROFILE_FIELDS
from .profiles import load_profiles
from .resolve import author_index, author_problems

__all__ = [
    "CREDIT_ROLES",
    "EMPLOYEE_PROFILE_FIELDS",
    "author_index",
    "author_problems",
    "check_photos",
    "draw_ordered_card",
    "load_profiles",
    "make_ordered_photo",
    "ordered_photos",
    "register",
    "rewrite_profile_page",
    "write_person_page",
]
