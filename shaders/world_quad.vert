#version 450 core
// World-space quads (panels, labels): the same panel-pixel vertices as
// quad.vert, placed on a plane by one matrix; drawn with quad.frag.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;

// clip_from_world * world_from_panel * scale(metres_per_px, -metres_per_px, 1)
layout(location = 0) uniform mat4 u_clip_from_panel_px;

out vec2 v_uv;
out vec4 v_color;

void main()
{
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = u_clip_from_panel_px * vec4(a_pos, 0.0, 1.0);
}
